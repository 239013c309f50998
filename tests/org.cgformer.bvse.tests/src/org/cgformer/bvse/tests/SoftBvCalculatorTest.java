package org.cgformer.bvse.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.cgformer.bvse.api.BvseException;
import org.cgformer.bvse.api.BvseOptions;
import org.cgformer.bvse.api.BvseResult;
import org.cgformer.bvse.api.EnergyLandscape;
import org.cgformer.bvse.api.IonSite;
import org.cgformer.bvse.internal.SoftBvCalculator;
import org.junit.jupiter.api.Test;

class SoftBvCalculatorTest {

    private final SoftBvCalculator calculator = new SoftBvCalculator();

    /** 5.64 Å / 40 points: the grid is commensurate with the cell, so symmetry maps points onto points. */
    private static final BvseOptions ROCK_SALT_GRID = BvseOptions.builder().optResolution(0.141).build();

    @Test
    void landscapeHasTheCubicSymmetryOfRockSalt() throws Exception {
        EnergyLandscape landscape = rockSalt(ROCK_SALT_GRID).landscape();
        int n = landscape.shape()[0];
        assertEquals(40, n);
        for (int i = 0; i < n; i += 3) {
            for (int j = 0; j < n; j += 5) {
                for (int k = 0; k < n; k += 7) {
                    float e = landscape.energy(i, j, k);
                    if (!Float.isFinite(e)) {
                        continue;
                    }
                    assertEquals(e, landscape.energy(j, i, k), 1e-3, "mirror x<->y at " + i + "," + j + "," + k);
                    assertEquals(e, landscape.energy(k, j, i), 1e-3, "mirror x<->z");
                    assertEquals(e, landscape.energy((n - i) % n, j, k), 1e-3, "inversion of x");
                    assertEquals(e, landscape.energy((i + n / 2) % n, (j + n / 2) % n, k), 1e-3, "face centring");
                }
            }
        }
    }

    @Test
    void rockSaltPercolatesAlikeInEveryDirection() throws Exception {
        BvseResult result = rockSalt(ROCK_SALT_GRID);
        assertNotNull(result.ea3D(), "rock salt must percolate in 3-D");
        // cubic: once a path opens along one axis, the equivalent paths along the other two open too
        assertEquals(result.ea1D(), result.ea3D(), 1e-6);
        assertEquals(result.ea2D(), result.ea3D(), 1e-6);
        assertTrue(result.ea3D() > 0.05 && result.ea3D() < 5, "implausible Na barrier in NaCl: " + result.ea3D());
        for (BvseResult.SiteEnergy site : result.siteEnergies()) {
            assertTrue(site.energy() >= -1e-6, "site energies are relative to the minimum: " + site.energy());
        }
        System.out.printf("[bvse test] NaCl Ea1D %.3f Ea2D %.3f Ea3D %.3f eV, Na site %.3f eV above the minimum%n",
                result.ea1D(), result.ea2D(), result.ea3D(), result.siteEnergies().get(0).energy());
    }

    @Test
    void barriersDoNotDependOnTheChoiceOfOrigin() throws Exception {
        BvseResult reference = rockSalt(ROCK_SALT_GRID);
        double[] onGrid = {7 / 40.0, 13 / 40.0, 29 / 40.0};
        BvseResult moved = calculator.compute(SyntheticCrystals.cubic(SyntheticCrystals.ROCK_SALT_A),
                SyntheticCrystals.shifted(SyntheticCrystals.rockSalt(), onGrid), ROCK_SALT_GRID);
        assertEquals(reference.ea3D(), moved.ea3D(), 1e-4, "shift by whole grid steps");
        // off the grid the saddle is sampled at other points: agreement within 0.03 eV needs ~0.07 Å
        BvseOptions fine = BvseOptions.builder().optResolution(SyntheticCrystals.ROCK_SALT_A / 80).build();
        BvseResult fineReference = rockSalt(fine);
        BvseResult offGrid = calculator.compute(SyntheticCrystals.cubic(SyntheticCrystals.ROCK_SALT_A),
                SyntheticCrystals.shifted(SyntheticCrystals.rockSalt(), new double[] {0.1234, 0.0567, 0.3141}), fine);
        assertEquals(fineReference.ea3D(), offGrid.ea3D(), 0.03, "arbitrary shift changes only the sampling");
    }

    @Test
    void supercellGivesTheSameBarriers() throws Exception {
        BvseResult cell = rockSalt(ROCK_SALT_GRID);
        double a = SyntheticCrystals.ROCK_SALT_A;
        BvseResult doubled = calculator.compute(new double[][] {{2 * a, 0, 0}, {0, a, 0}, {0, 0, a}},
                SyntheticCrystals.repeatedAlongA(SyntheticCrystals.rockSalt(), 2), ROCK_SALT_GRID);
        assertEquals(80, doubled.landscape().shape()[0]);
        assertEquals(cell.ea1D(), doubled.ea1D(), 1e-3);
        assertEquals(cell.ea3D(), doubled.ea3D(), 1e-3);
        assertEquals(cell.landscape().minimum(), doubled.landscape().minimum(), 1e-4);
    }

    @Test
    void cagedSodiumDoesNotPercolate() throws Exception {
        BvseResult result = calculator.compute(SyntheticCrystals.cubic(4.0), SyntheticCrystals.caged(),
                BvseOptions.builder().optResolution(0.1).build());
        assertNull(result.ea1D(), "a Na walled in by O and Zr must not percolate, got " + result.ea1D());
        assertNull(result.ea3D());
    }

    @Test
    void refusesStructureWithoutMobileIon() {
        List<IonSite> noSodium = List.of(new IonSite("Cl", -1, 1, new double[] {0, 0, 0}, "Cl1"),
                new IonSite("K", 1, 1, new double[] {0.5, 0.5, 0.5}, "K1"));
        BvseException e = assertThrows(BvseException.class,
                () -> calculator.compute(SyntheticCrystals.cubic(4), noSodium, BvseOptions.defaults()));
        assertTrue(e.getMessage().contains("no Na"), e.getMessage());
    }

    @Test
    void refusesIonWithoutOxidationState() {
        List<IonSite> sites = List.of(new IonSite("Na", 1, 1, new double[] {0, 0, 0}, "Na1"),
                new IonSite("Cl", 0, 1, new double[] {0.5, 0.5, 0.5}, "Cl7"));
        BvseException e = assertThrows(BvseException.class,
                () -> calculator.compute(SyntheticCrystals.cubic(4), sites, BvseOptions.defaults()));
        assertTrue(e.getMessage().contains("Cl7") && e.getMessage().contains("oxidation"), e.getMessage());
    }

    @Test
    void refusesPairMissingFromTheParameterTable() {
        List<IonSite> sites = List.of(new IonSite("Na", 1, 1, new double[] {0, 0, 0}, "Na1"),
                new IonSite("N", -3, 1, new double[] {0.5, 0.5, 0.5}, "N1"));
        BvseException e = assertThrows(BvseException.class,
                () -> calculator.compute(SyntheticCrystals.cubic(4), sites, BvseOptions.defaults()));
        assertTrue(e.getMessage().contains("Na+") && e.getMessage().contains("N3-"), e.getMessage());
    }

    @Test
    void writesACubeFileViewersCanRead() throws Exception {
        BvseResult result = rockSalt(BvseOptions.builder().optResolution(0.3).build());
        Path cube = Files.createTempFile("nacl", ".cube");
        calculator.writeCube(result, SyntheticCrystals.rockSalt(), cube);
        List<String> lines = Files.readAllLines(cube);
        assertTrue(lines.get(2).trim().startsWith("8 "), "atom count line: " + lines.get(2));
        assertTrue(lines.get(3).trim().startsWith("19 "), "grid line: " + lines.get(3));
        long values = lines.stream().skip(2 + 4 + 8).mapToLong(l -> l.trim().split("\\s+").length).sum();
        assertEquals(19L * 19 * 19, values);
        Files.delete(cube);
    }

    private BvseResult rockSalt(BvseOptions options) throws BvseException {
        return calculator.compute(SyntheticCrystals.cubic(SyntheticCrystals.ROCK_SALT_A), SyntheticCrystals.rockSalt(),
                options);
    }
}
