package org.cgformer.structure.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.cgformer.structure.api.Site;
import org.cgformer.structure.api.Species;
import org.cgformer.structure.api.Structure;
import org.cgformer.structure.api.StructureFormatException;
import org.cgformer.structure.io.internal.CifReader;
import org.cgformer.structure.io.internal.CifWriter;
import org.cgformer.structure.io.internal.PoscarReader;
import org.cgformer.structure.io.internal.PoscarWriter;
import org.junit.jupiter.api.Test;

/** CIF -> model -> CIF -> model and POSCAR likewise keep lattice, sites, species and occupancies. */
class RoundTripTest {

    private static final double COORDINATE_TOLERANCE = 1e-8;


    private final CifReader cifReader = new CifReader();
    private final CifWriter cifWriter = new CifWriter();
    private final PoscarReader poscarReader = new PoscarReader();
    private final PoscarWriter poscarWriter = new PoscarWriter();

    private List<Structure> sharedStructures() throws Exception {
        List<Path> files = new ArrayList<>(SharedData.files(SharedData.codCommon(), ".cif"));
        files.addAll(SharedData.files(SharedData.root().resolve("nasicon"), ".cif"));
        files.addAll(SharedData.files(SharedData.root().resolve("structures/na_compounds"), ".cif").subList(0, 60));
        List<Structure> structures = new ArrayList<>();
        for (Path file : files) {
            try {
                structures.add(cifReader.read(file).structure());
            } catch (StructureFormatException e) {
                // files we refuse are covered by the comparison test
            }
        }
        assertTrue(structures.size() > 550, "read " + structures.size());
        return structures;
    }

    @Test
    void cifRoundTripPreservesSharedStructures() throws Exception {
        for (Structure original : sharedStructures()) {
            String text = cifWriter.write(original, "roundtrip");
            Structure back = cifReader.read("roundtrip.cif", text).structure();
            assertSame(original, back, COORDINATE_TOLERANCE, text);
            assertEquals(text, cifWriter.write(back, "roundtrip"), "writing the structure read back gives the same text");
        }
    }

    @Test
    void poscarRoundTripPreservesOrderedSharedStructures() throws Exception {
        int tested = 0;
        for (Structure original : sharedStructures()) {
            if (!original.isOrdered()) {
                continue;
            }
            String text = poscarWriter.write(original, "roundtrip");
            Structure back = poscarReader.read("POSCAR", text).structure();
            assertArrayEquals(original.lattice().matrix()[0], back.lattice().matrix()[0], 1e-10);
            assertSameSites(original.withoutOxidationStates(), back, COORDINATE_TOLERANCE, text);
            tested++;
        }
        assertTrue(tested > 400, "ordered structures tested: " + tested);
    }

    @Test
    void cifRoundTripKeepsMixedSitesAndOxidationStates() throws Exception {
        Structure nasicon = cifReader.read(SharedData.root().resolve("nasicon/Na3Zr2Si2PO12_R-3c_average.cif")).structure();
        assertTrue(!nasicon.isOrdered());
        Structure charged = nasicon.mapSites(site -> {
            Map<Species, Double> occupancies = new java.util.LinkedHashMap<>();
            site.occupancies().forEach((s, o) -> occupancies.put(Species.of(s.element(), s.symbol().equals("O") ? -2 : 1), o));
            return site.withOccupancies(occupancies);
        });
        Structure back = cifReader.read("x.cif", cifWriter.write(charged, "x")).structure();
        assertSame(charged, back, COORDINATE_TOLERANCE, "");
        assertTrue(back.sites().stream().anyMatch(s -> s.occupancies().containsKey(Species.parse("O2-"))));
    }

    private static void assertSame(Structure expected, Structure actual, double tolerance, String text) {
        assertArrayEquals(expected.lattice().parameters(), actual.lattice().parameters(), 1e-8, text);
        assertSameSites(expected, actual, tolerance, text);
    }

    private static void assertSameSites(Structure expected, Structure actual, double tolerance, String text) {
        assertEquals(expected.size(), actual.size(), text);
        for (int i = 0; i < expected.size(); i++) {
            Site e = expected.site(i);
            Site a = actual.site(i);
            for (int k = 0; k < 3; k++) {
                // periodic: 0.99999999999 written as 1.0000000000 reads back as 0
                double d = e.fracCoords()[k] - a.fracCoords()[k];
                assertEquals(0, d - Math.rint(d), tolerance, "site " + i + " of\n" + text);
            }
            assertEquals(e.occupancies().keySet(), a.occupancies().keySet(), text);
            e.occupancies().forEach((species, occupancy) -> assertEquals(occupancy, a.occupancies().get(species), 1e-12));
        }
    }
}
