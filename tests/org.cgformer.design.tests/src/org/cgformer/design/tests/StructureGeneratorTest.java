package org.cgformer.design.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.cgformer.design.structure.GeneratedStructure;
import org.cgformer.design.structure.StructureGenerator;
import org.cgformer.design.model.DesignSpace;
import org.cgformer.design.model.resource.DesignSpaceResources;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StructureGeneratorTest {

    /** Shortest bond in NASICON is Si/P-O, about 1.5-1.6 Angstrom; anything much shorter is an overlap. */
    static final double MINIMUM_SEPARATION_ANGSTROM = 1.4;

    private static StructureGenerator generator;
    private static GeneratedStructure structure;

    @BeforeAll
    static void generate() throws Exception {
        DesignSpace example = DesignSpaceResources.loadDesignSpace(Designs.EXAMPLE);
        generator = new StructureGenerator(example, Designs.host(example));
        // Zr Ti Hf Nb Ta, mean valence 4.4 -> Na2.2Zr0.4Ti0.4Hf0.4Nb0.4Ta0.4Si2PO12
        structure = generator.generate(List.of("Ti", "Hf", "Nb", "Ta"), 2.2, 8, 1);
    }

    @Test
    void hasTheExactCompositionInTheSmallestSupercell() {
        // 12 Zr sites per conventional cell (6 formula units): fifths need 5 cells = 30 formula units
        assertEquals(Map.of("Zr", 12, "Ti", 12, "Hf", 12, "Nb", 12, "Ta", 12, "Na", 66, "Si", 60, "P", 30, "O", 360),
                structure.composition());
    }

    @Test
    void isChargeNeutralWithTheIntendedOxidationStates() {
        assertEquals(0, structure.totalCharge());
        for (int i = 0; i < structure.species().size(); i++) {
            int expected = switch (structure.species().get(i)) {
                case "Na" -> 1;
                case "Zr", "Ti", "Hf", "Si" -> 4;
                case "Nb", "Ta", "P" -> 5;
                case "O" -> -2;
                default -> throw new AssertionError(structure.species().get(i));
            };
            assertEquals(expected, structure.charges()[i], structure.species().get(i));
        }
    }

    @Test
    void keepsTheHostLattice() {
        double[] p = structure.latticeParameters();
        double[] lengths = {p[0], p[1], p[2]};
        java.util.Arrays.sort(lengths);
        // the five cells are stacked along a (9.1863 x 5 = 45.93) or c: the most compact choice is 5 a
        assertArrayEquals(new double[] {9.1863, 22.181, 45.9315}, lengths, 1e-3);
        assertEquals(90, p[3], 1e-6);
        assertEquals(90, p[4], 1e-6);
        assertEquals(120, p[5], 1e-6);
    }

    @Test
    void refusesMoreMobileIonsThanTheHostHasSites() {
        // Mg Ca Ti Hf with Zr: mean valence 3.2 -> 4.6 Na per formula unit, but NASICON has 4 Na sites per formula unit
        org.cgformer.design.api.DesignException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.cgformer.design.api.DesignException.class, () -> generator.generate(List.of("Mg", "Ca", "Ti", "Hf"), 4.6, 2, 1));
        assertTrue(e.getMessage().contains("4.6 Na per formula unit needs 138 Na in the supercell, which has 120 Na sites"), e.getMessage());
    }

    @Test
    void hasNoTwoSitesCloserThanASensibleLimit() {
        double shortest = structure.minimumDistance();
        assertTrue(shortest > MINIMUM_SEPARATION_ANGSTROM, "shortest distance " + shortest + " Angstrom");
    }

    @Test
    void isDeterministicForASeedAndPicksTheLowestEnergy() throws Exception {
        GeneratedStructure again = generator.generate(List.of("Ti", "Hf", "Nb", "Ta"), 2.2, 8, 1);
        assertEquals(structure.toCif("x"), again.toCif("x"));
        // the first of the 8 decorations is the only one with K = 1 and the same seed
        GeneratedStructure first = generator.generate(List.of("Ti", "Hf", "Nb", "Ta"), 2.2, 1, 1);
        assertTrue(structure.ewaldEnergy() <= first.ewaldEnergy(), structure.ewaldEnergy() + " > " + first.ewaldEnergy());
        GeneratedStructure otherSeed = generator.generate(List.of("Ti", "Hf", "Nb", "Ta"), 2.2, 8, 2);
        assertTrue(structure.ewaldEnergy() != otherSeed.ewaldEnergy(), "another seed should give other decorations");
    }

    @Test
    void writesAP1CifWithOxidationStates() {
        String cif = structure.toCif("Na2.2Zr0.4Ti0.4Hf0.4Nb0.4Ta0.4Si2PO12");
        assertTrue(cif.contains("_symmetry_space_group_name_H-M 'P 1'"), cif.substring(0, 400));
        assertTrue(cif.contains("  Nb5+ 5\n"), cif.substring(0, 800));
        assertEquals(structure.species().size(), cif.lines().filter(l -> l.matches("  [A-Z][a-z]?\\d[+-] [A-Z][a-z]?\\d+ .*")).count());
    }
}
