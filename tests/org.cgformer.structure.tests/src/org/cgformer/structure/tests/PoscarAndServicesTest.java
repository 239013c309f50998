package org.cgformer.structure.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.cgformer.structure.api.BondValenceAnalyzer;
import org.cgformer.structure.api.ReadResult;
import org.cgformer.structure.api.Species;
import org.cgformer.structure.api.Structure;
import org.cgformer.structure.api.StructureException;
import org.cgformer.structure.api.StructureReader;
import org.cgformer.structure.api.StructureWriter;
import org.cgformer.structure.io.internal.CifReader;
import org.cgformer.structure.io.internal.PoscarReader;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** POSCAR variants, oxidation-state guessing, and the readers and writers as OSGi services. */
class PoscarAndServicesTest {

    @Test
    void readsCartesianPoscarWithSelectiveDynamicsAndVolumeScale() throws Exception {
        String poscar = "NaCl rock salt\n-179.406144\n1 0 0\n0 1 0\n0 0 1\nNa_pv Cl\n1 1\nSelective dynamics\nCartesian\n"
                + "0 0 0 T T T\n0.5 0.5 0.5 F F F\n";
        ReadResult r = new PoscarReader().read("CONTCAR", poscar);
        Structure s = r.structure();
        assertEquals(5.64, s.lattice().a(), 1e-9, "negative scale is the volume; Cartesian positions are scaled too");
        assertArrayEquals(new double[] {0.5, 0.5, 0.5}, s.site(1).fracCoords(), 1e-9);
        assertEquals("NaCl", s.reducedFormula());
        assertEquals("NaCl rock salt", r.first().name());
    }

    @Test
    void readsVasp4PoscarWithSpeciesInComment() throws Exception {
        String poscar = "Na Cl\n5.64\n1 0 0\n0 1 0\n0 0 1\n1 1\nDirect\n0 0 0\n0.5 0.5 0.5\n";
        ReadResult r = new PoscarReader().read("POSCAR", poscar);
        assertEquals("Na1 Cl1", r.structure().formula());
        assertTrue(r.issues().get(0).toString().startsWith("POSCAR:6: warning: no species line"), r.issues().toString());
    }

    @Test
    void guessesOxidationStatesOfNasiconByBondValence() throws Exception {
        Structure nasicon = new CifReader().read(SharedData.root().resolve("nasicon/Na4Zr2Si3O12_R-3c.cif")).structure()
                .withoutOxidationStates();
        Structure guessed = new BondValenceAnalyzer().withOxidationStates(nasicon);
        List<String> species = new ArrayList<>();
        guessed.sites().forEach(site -> {
            String s = site.majoritySpecies().toString();
            if (!species.contains(s)) {
                species.add(s);
            }
        });
        species.sort(null);
        assertEquals(List.of("Na+", "O2-", "Si4+", "Zr4+"), species);
    }

    @Test
    void refusesBondValenceAnalysisOfDisorderedStructure() throws Exception {
        Structure average = new CifReader().read(SharedData.root().resolve("nasicon/Na3Zr2Si2PO12_R-3c_average.cif")).structure();
        StructureException e = assertThrows(StructureException.class, () -> new BondValenceAnalyzer().valences(average));
        assertTrue(e.getMessage().contains("ordered"), e.getMessage());
        assertTrue(Species.parse("O2-").hasOxidationState());
    }

    @Test
    void readersAndWritersAreServices() throws Exception {
        List<StructureReader> readers = services(StructureReader.class, 2);
        assertTrue(StructureReader.forFile(readers, "NaCl.cif").isPresent());
        assertEquals("POSCAR", StructureReader.forFile(readers, "CONTCAR").orElseThrow().formatName());
        assertTrue(StructureReader.forFile(readers, "notes.txt").isEmpty());
        List<StructureWriter> writers = services(StructureWriter.class, 2);
        assertTrue(writers.stream().anyMatch(w -> w.canWrite("out.cif")));
        assertTrue(writers.stream().anyMatch(w -> w.canWrite("POSCAR")));
    }

    private static <T> List<T> services(Class<T> type, int expected) throws InterruptedException {
        BundleContext context = FrameworkUtil.getBundle(PoscarAndServicesTest.class).getBundleContext();
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        assertNotNull(tracker.waitForService(20_000), "no " + type.getName() + " service");
        long deadline = System.currentTimeMillis() + 20_000;
        while (tracker.size() < expected && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        List<T> services = new ArrayList<>();
        for (Object service : tracker.getServices()) {
            services.add(type.cast(service));
        }
        tracker.close();
        return services;
    }
}
