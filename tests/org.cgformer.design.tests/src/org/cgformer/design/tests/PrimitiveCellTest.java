package org.cgformer.design.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.cgformer.design.structure.GeneratedStructure;
import org.cgformer.design.structure.StructureGenerator;
import org.cgformer.design.structure.StructureGenerator.Cell;
import org.cgformer.design.model.DesignSpace;
import org.cgformer.design.model.resource.DesignSpaceResources;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The smallest faithful cell (issue 16): the same candidate built on the primitive NASICON cell has a third of the
 * sites of the conventional build, the same composition per formula unit, and the same local environments.
 */
class PrimitiveCellTest {

    private static GeneratedStructure conventional;
    private static GeneratedStructure primitive;
    private static StructureGenerator primitiveGenerator;

    @BeforeAll
    static void generate() throws Exception {
        DesignSpace example = DesignSpaceResources.loadDesignSpace(Designs.EXAMPLE);
        // Zr Ti Hf Nb Ta, mean valence 4.4 -> Na2.2Zr0.4Ti0.4Hf0.4Nb0.4Ta0.4Si2PO12
        conventional = new StructureGenerator(example, Designs.host(example), Cell.CONVENTIONAL).generate(List.of("Ti", "Hf", "Nb", "Ta"), 2.2, 8, 1);
        primitiveGenerator = new StructureGenerator(example, Designs.host(example), Cell.PRIMITIVE);
        primitive = primitiveGenerator.generate(List.of("Ti", "Hf", "Nb", "Ta"), 2.2, 8, 1);
    }

    @Test
    void holdsTenFormulaUnitsInsteadOfThirty() {
        // 4 Zr sites per primitive cell (2 formula units): fifths need 5 cells = 10 formula units
        assertEquals(Map.of("Zr", 4, "Ti", 4, "Hf", 4, "Nb", 4, "Ta", 4, "Na", 22, "Si", 20, "P", 10, "O", 120), primitive.composition());
        assertEquals(conventional.species().size(), 3 * primitive.species().size());
        assertEquals(Cell.PRIMITIVE, primitiveGenerator.cell());
    }

    @Test
    void hasTheVolumePerFormulaUnitOfTheHost() {
        assertEquals(volume(conventional.lattice()) / 30, volume(primitive.lattice()) / 10, 1e-6);
    }

    @Test
    void isChargeNeutralAndHasNoOverlaps() {
        assertEquals(0, primitive.totalCharge());
        assertTrue(primitive.minimumDistance() > StructureGeneratorTest.MINIMUM_SEPARATION_ANGSTROM, "shortest " + primitive.minimumDistance());
    }

    @Test
    void isAsCompactAsTheConventionalBuild() {
        // 5 is prime, so every sublattice of index 5 keeps a whole lattice plane of the primitive cell (two 9.10 Angstrom
        // vectors) and the third vector is at least 5 V / area = 37.8 Angstrom long; the conventional build is 45.9 long
        assertTrue(smallestWidth(primitive.lattice()) > 0.95 * smallestWidth(conventional.lattice()),
                "smallest width " + smallestWidth(primitive.lattice()) + " vs " + smallestWidth(conventional.lattice()));
        assertTrue(longest(primitive.lattice()) < 0.85 * longest(conventional.lattice()), "longest vector " + longest(primitive.lattice()));
    }

    @Test
    void keepsTheLocalEnvironmentsOfTheConventionalBuild() {
        // the framework around O and Si (cation-oxygen bonds, O-O edges; no Na, whose vacancies differ by decoration) has the same neighbour distances in both builds
        assertEquals(sortedDistances(conventional, "O", 2.2), sortedDistances(primitive, "O", 2.2));
        assertEquals(sortedDistances(conventional, "Si", 3.0), sortedDistances(primitive, "Si", 3.0));
    }

    @Test
    void isDeterministicForASeed() throws Exception {
        GeneratedStructure again = primitiveGenerator.generate(List.of("Ti", "Hf", "Nb", "Ta"), 2.2, 8, 1);
        assertEquals(primitive.species(), again.species());
        assertEquals(primitive.ewaldEnergy(), again.ewaldEnergy(), 0);
    }

    /** Per site of {@code element}: its distances to all sites within {@code cutoff}, rounded, counted over the cell per site. */
    private static Map<String, Integer> sortedDistances(GeneratedStructure s, String element, double cutoff) {
        double[][] cart = new double[s.species().size()][];
        for (int i = 0; i < cart.length; i++) {
            double[] f = s.fracCoords().get(i);
            cart[i] = new double[3];
            for (int x = 0; x < 3; x++) {
                cart[i][x] = f[0] * s.lattice()[0][x] + f[1] * s.lattice()[1][x] + f[2] * s.lattice()[2][x];
            }
        }
        Map<String, Integer> histogram = new TreeMap<>();
        int centres = 0;
        for (int i = 0; i < cart.length; i++) {
            if (!s.species().get(i).equals(element)) {
                continue;
            }
            centres++;
            for (int j = 0; j < cart.length; j++) {
                for (int a = -2; a <= 2; a++) {
                    for (int b = -2; b <= 2; b++) {
                        for (int c = -2; c <= 2; c++) {
                            double d2 = 0;
                            for (int x = 0; x < 3; x++) {
                                double d = cart[j][x] + a * s.lattice()[0][x] + b * s.lattice()[1][x] + c * s.lattice()[2][x] - cart[i][x];
                                d2 += d * d;
                            }
                            double d = Math.sqrt(d2);
                            if (d > 1e-6 && d < cutoff) {
                                histogram.merge(String.format(java.util.Locale.ROOT, "%.2f", d), 1, Integer::sum);
                            }
                        }
                    }
                }
            }
        }
        Map<String, Integer> perCentre = new TreeMap<>();
        int n = centres;
        histogram.forEach((k, v) -> perCentre.put(k, Math.round((float) v * 1000 / n)));
        return perCentre;
    }

    private static double smallestWidth(double[][] v) {
        double width = Double.POSITIVE_INFINITY;
        for (int i = 0; i < 3; i++) {
            double[] n = cross(v[(i + 1) % 3], v[(i + 2) % 3]);
            width = Math.min(width, volume(v) / Math.sqrt(dot(n, n)));
        }
        return width;
    }

    private static double longest(double[][] v) {
        return Math.max(Math.sqrt(dot(v[0], v[0])), Math.max(Math.sqrt(dot(v[1], v[1])), Math.sqrt(dot(v[2], v[2]))));
    }

    private static double volume(double[][] v) {
        return Math.abs(dot(v[0], cross(v[1], v[2])));
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    private static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }
}
