package org.cgformer.structure.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.cgformer.structure.api.Lattice;
import org.cgformer.structure.api.Neighbour;
import org.cgformer.structure.api.NeighbourList;
import org.cgformer.structure.api.Species;
import org.cgformer.structure.api.Structure;
import org.cgformer.structure.io.internal.CifReader;
import org.junit.jupiter.api.Test;

/** The cell-list search finds exactly the neighbours a brute-force search over all images finds. */
class NeighbourListTest {

    @Test
    void agreesWithBruteForceOnSharedStructures() throws Exception {
        List<Path> files = new ArrayList<>();
        List<Path> cod = SharedData.files(SharedData.codCommon(), ".cif");
        for (int i = 0; i < cod.size(); i += 10) {
            files.add(cod.get(i));
        }
        files.addAll(SharedData.files(SharedData.root().resolve("nasicon"), ".cif"));
        int compared = 0;
        for (Path file : files) {
            Structure s;
            try {
                s = new CifReader().read(file).structure();
            } catch (Exception e) {
                continue;
            }
            if (s.size() > 250) {
                continue;
            }
            for (double cutoff : new double[] {3.0, 6.0}) {
                assertSameNeighbours(file + " cutoff " + cutoff, s, cutoff);
            }
            compared++;
        }
        assertTrue(compared > 40, "structures compared: " + compared);
    }

    @Test
    void findsImagesWhenTheCutoffExceedsTheCell() {
        Structure s = Structure.builder(Lattice.fromParameters(2.1, 2.5, 3.1, 70, 80, 100))
                .addSite("Na", Species.of("Na"), 0.1, 0.2, 0.3).addSite("Cl", Species.of("Cl"), 1.6, -0.4, 0.9).build();
        assertSameNeighbours("small triclinic cell", s, 7.45);
    }

    @Test
    void imagesAreRelativeToUnwrappedCoordinates() {
        Structure s = Structure.builder(Lattice.cubic(4)).addSite("A", Species.of("Na"), 0.1, 0.1, 0.1)
                .addSite("B", Species.of("Cl"), 2.9, 0.1, 0.1).build();
        NeighbourList list = NeighbourList.of(s, 1.0);
        assertEquals(1, list.count(0));
        Neighbour n = list.neighbours(0).get(0);
        assertEquals(1, n.index());
        assertEquals(-3, n.imageA(), "B at fractional x=2.9 seen at x=-0.1 from A");
        assertEquals(0.8, n.distance(), 1e-12);
        assertEquals(-0.8, n.dx(), 1e-12);
    }

    @Test
    void rockSaltHasSixNearestNeighbours() {
        Structure s = Structure.builder(Lattice.cubic(5.64)).addSite("Na", Species.of("Na"), 0, 0, 0)
                .addSite("Cl", Species.of("Cl"), 0.5, 0.5, 0.5).build().supercell(1, 1, 1);
        Structure fcc = Structure.builder(Lattice.fromParameters(3.988, 3.988, 3.988, 60, 60, 60))
                .addSite("Na", Species.of("Na"), 0, 0, 0).addSite("Cl", Species.of("Cl"), 0.5, 0.5, 0.5).build();
        NeighbourList list = NeighbourList.of(fcc, 3.0);
        assertEquals(6, list.count(0));
        list.neighbours(0).forEach(n -> assertEquals(2.82, n.distance(), 1e-3));
        assertEquals(2, s.size());
    }

    private static void assertSameNeighbours(String what, Structure s, double cutoff) {
        NeighbourList list = NeighbourList.of(s, cutoff);
        List<List<String>> expected = bruteForce(s, cutoff);
        for (int i = 0; i < s.size(); i++) {
            List<String> found = new ArrayList<>();
            for (Neighbour n : list.neighbours(i)) {
                found.add(key(n.index(), n.imageA(), n.imageB(), n.imageC(), n.distance()));
                double[] v = {n.dx(), n.dy(), n.dz()};
                assertEquals(n.distance(), Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]), 1e-9);
            }
            found.sort(null);
            assertEquals(expected.get(i), found, what + ", site " + i);
        }
    }

    /** Every site against every image within a box safely larger than the cutoff. */
    static List<List<String>> bruteForce(Structure s, double cutoff) {
        Lattice reciprocal = s.lattice().reciprocalLatticeCrystallographic();
        int[] range = new int[3];
        for (int k = 0; k < 3; k++) {
            double[] b = reciprocal.vector(k);
            range[k] = (int) Math.ceil(cutoff * Math.sqrt(b[0] * b[0] + b[1] * b[1] + b[2] * b[2])) + 2;
        }
        List<List<String>> all = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            List<String> keys = new ArrayList<>();
            double[] ci = s.cartCoords(i);
            for (int j = 0; j < s.size(); j++) {
                double[] fj = s.site(j).fracCoords();
                for (int a = -range[0]; a <= range[0]; a++) {
                    for (int b = -range[1]; b <= range[1]; b++) {
                        for (int c = -range[2]; c <= range[2]; c++) {
                            double[] cj = s.lattice().cartCoords(new double[] {fj[0] + a, fj[1] + b, fj[2] + c});
                            double d = Math.sqrt(Math.pow(cj[0] - ci[0], 2) + Math.pow(cj[1] - ci[1], 2) + Math.pow(cj[2] - ci[2], 2));
                            if (d <= cutoff && d >= 1e-8) {
                                keys.add(key(j, a, b, c, d));
                            }
                        }
                    }
                }
            }
            keys.sort(null);
            all.add(keys);
        }
        return all;
    }

    private static String key(int j, int a, int b, int c, double d) {
        return j + " " + a + " " + b + " " + c + " " + String.format(java.util.Locale.ROOT, "%.6f", d);
    }
}
