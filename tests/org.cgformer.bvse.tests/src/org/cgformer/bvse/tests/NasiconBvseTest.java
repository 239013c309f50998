package org.cgformer.bvse.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.Paths;

import org.cgformer.bvse.api.BvseOptions;
import org.cgformer.bvse.api.BvseResult;
import org.cgformer.bvse.api.EnergyLandscape;
import org.cgformer.bvse.api.IonSite;
import org.cgformer.bvse.api.StructureIons;
import org.cgformer.bvse.internal.SoftBvCalculator;
import org.cgformer.structure.api.Structure;
import org.cgformer.structure.api.StructureReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** BVSE on the real NASICON files of ../shared/data/nasicon, read with the installed CIF reader. */
class NasiconBvseTest {

    private static final BvseOptions COARSE = BvseOptions.builder().optResolution(0.2).build();
    private static StructureIons average;
    private static StructureIons endMember;
    private final SoftBvCalculator calculator = new SoftBvCalculator();

    @BeforeAll
    static void readNasicon() throws Exception {
        average = StructureIons.of(read("nasicon/Na3Zr2Si2PO12_R-3c_average.cif"));
        endMember = StructureIons.of(read("nasicon/Na4Zr2Si3O12_R-3c.cif"));
    }

    @Test
    void averageNasiconPercolatesInThreeDimensions() throws Exception {
        BvseResult result = calculator.compute(average.lattice(), average.sites(), COARSE);
        assertNotNull(result.ea3D(), "Na3Zr2Si2PO12 is a 3-D Na conductor");
        assertTrue(result.ea1D() <= result.ea2D() && result.ea2D() <= result.ea3D());
        assertTrue(result.ea3D() > 0.2 && result.ea3D() < 1.5, "implausible NASICON barrier " + result.ea3D());
        System.out.printf("[bvse test] Na3Zr2Si2PO12 at 0.2 Å: Ea1D %.3f Ea2D %.3f Ea3D %.3f eV%n", result.ea1D(),
                result.ea2D(), result.ea3D());
    }

    @Test
    void barrierConvergesAsTheGridIsRefined() throws Exception {
        BvseResult coarse = calculator.compute(average.lattice(), average.sites(), COARSE);
        BvseResult fine = calculator.compute(average.lattice(), average.sites(),
                BvseOptions.builder().optResolution(0.1).build());
        System.out.printf("[bvse test] Ea3D 0.2 Å %.4f eV, 0.1 Å %.4f eV%n", coarse.ea3D(), fine.ea3D());
        assertEquals(fine.ea3D(), coarse.ea3D(), 0.03);
    }

    @Test
    void landscapeHasTheSymmetryOfR3c() throws Exception {
        EnergyLandscape landscape = calculator.compute(average.lattice(), average.sites(), COARSE).landscape();
        int n = landscape.shape()[0];
        int nc = landscape.shape()[2];
        assertEquals(n, landscape.shape()[1], "a = b, so the 3-fold axis maps grid points onto grid points");
        for (int i = 0; i < n; i += 3) {
            for (int j = 0; j < n; j += 4) {
                for (int k = 0; k < nc; k += 7) {
                    float e = landscape.energy(i, j, k);
                    if (!Float.isFinite(e) || e - landscape.minimum() > 5) {
                        continue; // deep inside repulsive cores float rounding dominates
                    }
                    // (x, y, z) -> (-y, x-y, z) and inversion (-x, -y, -z), both operations of R-3c
                    assertEquals(e, landscape.energy(Math.floorMod(-j, n), Math.floorMod(i - j, n), k), 2e-3,
                            "3-fold rotation at " + i + "," + j + "," + k);
                    assertEquals(e, landscape.energy(Math.floorMod(-i, n), Math.floorMod(-j, n), Math.floorMod(-k, nc)),
                            2e-3, "inversion at " + i + "," + j + "," + k);
                }
            }
        }
    }

    @Test
    void sodiumOnTheNa1SiteSitsInALowEnergyBasin() throws Exception {
        BvseResult result = calculator.compute(endMember.lattice(), endMember.sites(), COARSE);
        EnergyLandscape landscape = result.landscape();
        double na1 = result.siteEnergies().stream().filter(s -> s.label().startsWith("Na1"))
                .mapToDouble(BvseResult.SiteEnergy::energy).max().orElseThrow();
        assertTrue(na1 < 0.15, "Na1 lies " + na1 + " eV above the landscape minimum");
        // Na1 is at the origin: every grid point three steps (~0.6 Å) away in any direction is higher
        float centre = landscape.energy(0, 0, 0);
        int n = landscape.shape()[0];
        int nc = landscape.shape()[2];
        int[][] steps = {{3, 0, 0}, {-3, 0, 0}, {0, 3, 0}, {0, -3, 0}, {0, 0, 3}, {0, 0, -3}};
        for (int[] d : steps) {
            float around = landscape.energy(Math.floorMod(d[0], n), Math.floorMod(d[1], n), Math.floorMod(d[2], nc));
            assertTrue(around > centre, "not a basin: " + around + " eV next to " + centre + " eV at Na1");
        }
    }

    @Test
    void originAndSupercellDoNotChangeTheBarrier() throws Exception {
        BvseResult reference = calculator.compute(average.lattice(), average.sites(), COARSE);
        var shifted = average.sites().stream().map(s -> new IonSite(s.symbol(), s.oxidationState(), s.occupancy(),
                new double[] {s.fracCoords()[0] + 0.113, s.fracCoords()[1] + 0.271, s.fracCoords()[2] + 0.0437}, s.label()))
                .toList();
        BvseResult moved = calculator.compute(average.lattice(), shifted, COARSE);
        assertEquals(reference.ea3D(), moved.ea3D(), 0.03, "origin shift");
        Structure doubled = read("nasicon/Na3Zr2Si2PO12_R-3c_average.cif").supercell(2, 1, 1);
        StructureIons big = StructureIons.of(doubled);
        BvseResult supercell = calculator.compute(big.lattice(), big.sites(), COARSE);
        assertEquals(reference.ea3D(), supercell.ea3D(), 0.03, "2×1×1 supercell");
        System.out.printf("[bvse test] Ea3D cell %.4f, shifted origin %.4f, supercell %.4f eV%n", reference.ea3D(),
                moved.ea3D(), supercell.ea3D());
    }

    static Structure read(String relative) throws Exception {
        Path file = Paths.get(System.getProperty("cgformer.shared.data", "../shared/data")).resolve(relative);
        BundleContext context = FrameworkUtil.getBundle(NasiconBvseTest.class).getBundleContext();
        ServiceTracker<StructureReader, StructureReader> tracker = new ServiceTracker<>(context, StructureReader.class, null);
        tracker.open();
        try {
            tracker.waitForService(20_000);
            for (StructureReader reader : tracker.getServices(new StructureReader[0])) {
                if (reader.canRead(file.toString())) {
                    return reader.read(file).structure();
                }
            }
            throw new AssertionError("no StructureReader service for " + file);
        } finally {
            tracker.close();
        }
    }
}
