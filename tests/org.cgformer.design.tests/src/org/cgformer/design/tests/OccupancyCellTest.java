package org.cgformer.design.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.cgformer.design.api.CandidateStructures;
import org.cgformer.design.api.DesignException;
import org.cgformer.design.api.StructureRecipe;
import org.cgformer.design.model.DesignSpace;
import org.cgformer.design.model.resource.DesignSpaceResources;
import org.cgformer.design.structure.AverageStructure;
import org.cgformer.design.structure.GeneratedStructure;
import org.cgformer.design.structure.StructureGenerator;
import org.cgformer.design.structure.StructureGenerator.Cell;
import org.cgformer.structure.api.Site;
import org.cgformer.structure.api.Structure;
import org.cgformer.structure.api.StructureReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The occupancy-weighted cell (issue 16): the host's primitive cell whose sites hold the mean of every ordered
 * decoration of a candidate, so its composition is the ordered supercell's divided by the multiple, it is neutral, and
 * its CIF reads back as the same mixed sites.
 */
class OccupancyCellTest {

    private static final List<String> DOPANTS = List.of("Ti", "Hf", "Nb", "Ta");
    private static DesignSpace example;
    private static StructureGenerator generator;
    private static AverageStructure average;

    @BeforeAll
    static void generate() throws Exception {
        example = DesignSpaceResources.loadDesignSpace(Designs.EXAMPLE);
        generator = new StructureGenerator(example, Designs.host(example), Cell.OCCUPANCY);
        // Zr Ti Hf Nb Ta, mean valence 4.4 -> Na2.2Zr0.4Ti0.4Hf0.4Nb0.4Ta0.4Si2PO12
        average = generator.average(DOPANTS, 2.2);
    }

    @Test
    void isTheMeanOfTheOrderedDecorations() throws Exception {
        // the ordered primitive supercell holds 5 primitive cells; every decoration has the same composition
        GeneratedStructure ordered = generator.generate(DOPANTS, 2.2, 4, 7);
        Map<String, Double> perCell = average.composition();
        // (to 1e-5: the host CIF gives Si/P as 0.666667/0.333333)
        ordered.composition().forEach((element, count) -> assertEquals(count / 5.0, perCell.get(element), 1e-5, element));
        assertEquals(ordered.composition().keySet(), perCell.keySet());
    }

    @Test
    void holdsFortyTwoSitesAndIsNeutral() {
        // primitive cell, 2 formula units: 2 Na1 (full) + 6 Na2 (0.4 each), 4 M, 6 Si/P, 24 O
        assertEquals(42, average.sites().size());
        assertEquals(0, average.totalCharge(), 1e-5);
        Map<String, Long> na = average.sites().stream().filter(s -> s.occupancy().containsKey("Na"))
                .collect(java.util.stream.Collectors.groupingBy(s -> String.format("%.4f", s.occupancy().get("Na")),
                        java.util.stream.Collectors.counting()));
        assertEquals(Map.of("1.0000", 2L, "0.4000", 6L), na);
    }

    @Test
    void emptiesTheMobileSitesItDoesNotNeed() throws Exception {
        // Na1 only: 0.5 Na per formula unit fills half of the 2 Na1 sites on average, Na2 stays empty (left out)
        AverageStructure poor = generator.averageSites(List.of(new StructureGenerator.SiteOccupation("Zr1", List.of("Zr", "Nb"),
                List.of(0.5, 0.5), List.of(4, 5))), 0.5);
        assertEquals(2, poor.sites().stream().filter(s -> s.occupancy().containsKey("Na")).count());
        assertEquals(0.5, poor.sites().stream().filter(s -> s.occupancy().containsKey("Na")).findFirst().orElseThrow().occupancy().get("Na"),
                1e-12);
        DesignException tooMany = assertThrows(DesignException.class, () -> generator.average(DOPANTS, 4.5));
        assertTrue(tooMany.getMessage().contains("8 Na sites"), tooMany.getMessage());
    }

    @Test
    void readsBackAsTheSameMixedSites() throws Exception {
        Structure read = readCif(average.toCif("Na2.2Zr0.4Ti0.4Hf0.4Nb0.4Ta0.4Si2PO12"));
        assertEquals(42, read.size());
        assertFalse(read.isOrdered());
        Site m = read.sites().stream().filter(s -> s.occupancies().size() == 5).findFirst().orElseThrow();
        m.occupancies().values().forEach(occupancy -> assertEquals(0.2, occupancy, 1e-6));
        assertTrue(read.composition().almostEquals(org.cgformer.structure.api.Composition.parse("Na4.4Zr0.8Ti0.8Hf0.8Nb0.8Ta0.8Si4P2O24"), 1e-4),
                read.composition().formula());
        assertEquals(volume(generator.generate(DOPANTS, 2.2, 1, 1).lattice()) / 5, read.volume(), 1e-3); // CIF: 6 decimals
    }

    @Test
    void isTheRecipesCellAndTheSameForEverySeed() throws Exception {
        Path host = DesignSpaceResources.hostStructurePath(example);
        StructureRecipe recipe = StructureRecipe.designSpace(host, example.getHostFormula(), "Zr1", "occupancy", 5, 1);
        assertEquals(StructureRecipe.PRIMITIVE_OCCUPANCY, recipe.supercell());
        assertFalse(recipe.ordered());
        assertEquals(StructureRecipe.SMALLEST_PRIMITIVE, recipe.orderedDecorations().supercell());
        assertEquals(Cell.OCCUPANCY, Cell.of(recipe.supercell()));
        CandidateStructures structures = CandidateStructures.of(example, Designs.readers(), recipe);
        String one = structures.cif(DOPANTS, 2.2, 5, 1, "x");
        assertEquals(one, structures.cif(DOPANTS, 2.2, 5, 99, "x"));
        assertEquals(average.toCif("x"), one);
        // the parent: Zr alone on its site, 3 Na per formula unit
        Structure parent = readCif(structures.parentCif(5, 1, "Na3Zr2Si2PO12"));
        assertTrue(parent.composition().almostEquals(org.cgformer.structure.api.Composition.parse("Na6Zr4Si4P2O24"), 1e-4),
                parent.composition().formula());
        // an ordered recipe's CIFs depend on the seed
        CandidateStructures ordered = CandidateStructures.of(example, Designs.readers(), recipe.orderedDecorations());
        assertNotEquals(ordered.cif(DOPANTS, 2.2, 1, 1, "x"), ordered.cif(DOPANTS, 2.2, 1, 2, "x"));
    }

    private static Structure readCif(String cif) throws Exception {
        return StructureReader.forFile(Designs.readers(), "x.cif").orElseThrow().read("x.cif", cif, StructureReader.Strictness.LENIENT)
                .structure();
    }

    private static double volume(double[][] m) {
        return Math.abs(m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]));
    }
}
