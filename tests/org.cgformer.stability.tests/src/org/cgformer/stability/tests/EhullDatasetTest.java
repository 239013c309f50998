package org.cgformer.stability.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.cgformer.design.structure.GeneratedStructure;
import org.cgformer.stability.api.CompositionTable;
import org.cgformer.stability.api.NasiconComposition;
import org.cgformer.stability.ehull.EhullDatasetWriter;
import org.cgformer.stability.ehull.NasiconStructures;
import org.cgformer.stability.ehull.NasiconStructures.LatticeMode;
import org.cgformer.structure.api.Composition;
import org.cgformer.structure.api.Element;
import org.cgformer.structure.api.Structure;
import org.cgformer.structure.api.StructureReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first 30 rows of the real Ouyang et al. table, generated on Na4Zr2Si3O12, plus hand-made bad rows. */
class EhullDatasetTest {

    static final int ROWS = 30;
    /** Shortest bond in these NASICONs is X–O, 1.45–1.65 A in the host; scaled lattices shrink by at most a few per cent. */
    static final double MINIMUM_SEPARATION_ANGSTROM = 1.2;

    @TempDir
    static Path output;

    static List<StructureReader> readers;
    static NasiconStructures scaled;
    static CompositionTable table;

    @BeforeAll
    static void writeDataset() throws Exception {
        readers = Services.all(StructureReader.class);
        Structure host = StructureReader.readFile(readers, Services.HOST).structure();
        scaled = new NasiconStructures(host, Services.HOST.toString(), LatticeMode.SCALED, 4);
        CompositionTable full = CompositionTable.read(Services.EHULL_CSV, CompositionTable.DEFAULT_COMPOSITION_COLUMN,
                CompositionTable.DEFAULT_TARGET_COLUMN, "ehull");
        assertEquals(3104, full.rows().size());
        assertEquals(14, full.featureNames().size());
        table = new CompositionTable(full.file(), full.featureNames(), full.rows().subList(0, ROWS), full.problems());
        EhullDatasetWriter.Counts counts = new EhullDatasetWriter(scaled, 1).write(table, output, (row, finished, total, refusal) -> { });
        assertEquals(new EhullDatasetWriter.Counts(0, ROWS, 0), counts, "refused: " + Files.readString(output.resolve("refused.csv")));
    }

    @Test
    void everyStructureHasItsCompositionAndIsChargeNeutral() throws Exception {
        for (CompositionTable.Row row : table.rows()) {
            Structure structure = StructureReader.readFile(readers, output.resolve(row.id() + ".cif")).structure();
            Composition expected = Composition.parse(row.composition());
            Composition actual = structure.composition();
            double factor = actual.amount("O") / expected.amount("O");
            assertTrue(factor >= 1 && Math.abs(factor - Math.rint(factor)) < 1e-9, row.composition() + " x " + factor);
            assertTrue(actual.almostEquals(expected.times(factor), 1e-6), row.composition() + ": generated " + actual.formula());
            double charge = 0;
            for (var site : structure.sites()) {
                for (var entry : site.occupancies().entrySet()) {
                    charge += entry.getKey().oxidationState().getAsDouble() * entry.getValue();
                }
            }
            assertEquals(0, charge, 1e-6, row.id() + " " + row.composition());
        }
    }

    @Test
    void scalesTheLatticeAndKeepsSitesApart() throws Exception {
        NasiconComposition sulfate = NasiconComposition.parse("MgZr(SO4)3");
        GeneratedStructure structure = scaled.build(sulfate, 7);
        double[] p = structure.latticeParameters();
        assertEquals(9.1863 * sulfate.latticeScale(), Math.min(p[0], p[1]), 1e-3);
        assertTrue(sulfate.latticeScale() < 0.97, "S6+ and Mg2+ shrink the Zr/Si host: " + sulfate.latticeScale());
        assertTrue(structure.minimumDistance() > MINIMUM_SEPARATION_ANGSTROM, "shortest distance " + structure.minimumDistance());
        assertEquals(0, structure.composition().getOrDefault("Na", 0), "no Na in MgZr(SO4)3");
        assertEquals(0, structure.totalCharge());
    }

    @Test
    void writesFeaturesOfTheSameIdsAsTheLabels() throws Exception {
        Map<String, double[]> features = EhullDatasetWriter.readFeatures(output);
        List<String> ids = EhullDatasetWriter.ids(output.resolve("id_prop.csv"));
        assertEquals(ids, List.copyOf(features.keySet()));
        for (CompositionTable.Row row : table.rows()) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(row.features(), features.get(row.id()), 0);
        }
    }

    @Test
    void resumesWithoutRedoingAndReportsBadRowsByLine(@TempDir Path other) throws Exception {
        EhullDatasetWriter.Counts again = new EhullDatasetWriter(scaled, 1).write(table, output, (row, finished, total, refusal) -> { });
        assertEquals(new EhullDatasetWriter.Counts(ROWS, 0, 0), again);

        Path csv = other.resolve("bad.csv");
        String header = Files.readAllLines(Services.EHULL_CSV).get(0);
        String features = ",1,2,3,4,5,6,7,8,9,10,11,12,13,14";
        Files.writeString(csv, header + "\nNaZr2(PO4)3,10" + features + "\nNa3Xx2(PO4)3,10" + features + "\nNa3Zr2Si3O12,10" + features
                + "\nNa3Zr2Si2PO12,abc" + features + "\n");
        CompositionTable bad = CompositionTable.read(csv, "CompName", "NewEhullLst", "t");
        assertEquals(1, bad.problems().size());
        assertTrue(bad.problems().get(0).startsWith("bad.csv:5: NewEhullLst 'abc'"), bad.problems().get(0));
        Path dataset = other.resolve("dataset");
        EhullDatasetWriter.Counts counts = new EhullDatasetWriter(scaled, 1).write(bad, dataset, (row, finished, total, refusal) -> { });
        assertEquals(new EhullDatasetWriter.Counts(0, 1, 2), counts);
        List<String> refused = Files.readAllLines(dataset.resolve("refused.csv"));
        assertTrue(refused.get(0).startsWith("t-0002,Na3Xx2(PO4)3,") && refused.get(0).contains("bad.csv:3") && refused.get(0).contains("'Xx'"),
                refused.get(0));
        assertTrue(refused.get(1).startsWith("t-0003,Na3Zr2Si3O12,") && refused.get(1).contains("charge -1"), refused.get(1));
    }

    @Test
    void keptLatticeIsTheHostLattice() throws Exception {
        Structure host = StructureReader.readFile(readers, Services.HOST).structure();
        NasiconStructures kept = new NasiconStructures(host, "host", LatticeMode.KEPT, 2);
        GeneratedStructure structure = kept.build(NasiconComposition.parse("Na2ZnTa(PO4)3"), 3);
        Map<String, Integer> counts = new HashMap<>(structure.composition());
        // 6 formula units per cell: Na12 Zn6 Ta6 P18 O72
        assertEquals(Map.of("Na", 12, "Zn", 6, "Ta", 6, "P", 18, "O", 72), counts);
        double[] p = structure.latticeParameters();
        assertEquals(22.181, Math.max(p[0], Math.max(p[1], p[2])), 1e-3);
        assertTrue(Element.of("Ta").shannonRadius(5, "VI").isPresent());
    }

    /**
     * The occupancy-weighted cell of a row (dataset ehull --cell occupancy): the primitive cell, 2 formula units of the
     * exact composition on mixed sites, neutral, the lattice scaled like the ordered structures, the same for every seed.
     */
    @Test
    void occupancyCellIsTheCompositionOnMixedSitesOfTheScaledPrimitiveCell() throws Exception {
        Structure host = StructureReader.readFile(readers, Services.HOST).structure();
        NasiconStructures occupancy = new NasiconStructures(host, "host", LatticeMode.SCALED, 4,
                org.cgformer.design.structure.StructureGenerator.Cell.OCCUPANCY);
        NasiconComposition row = NasiconComposition.parse("Na2ZnTa(PO4)3");
        NasiconStructures.Made made = occupancy.make(row, 3, "row");
        assertEquals(made.cif(), occupancy.make(row, 99, "row").cif(), "the mean of all decorations depends on no seed");
        assertTrue(Double.isNaN(made.ewaldEnergy()));
        Structure structure = StructureReader.forFile(readers, "row.cif").orElseThrow()
                .read("row.cif", made.cif(), StructureReader.Strictness.LENIENT).structure();
        assertEquals(made.sites(), structure.size());
        assertTrue(structure.composition().almostEquals(Composition.parse("Na2ZnTaP3O12").times(2), 1e-4),
                structure.composition().formula());
        double charge = 0;
        for (var site : structure.sites()) {
            for (var entry : site.occupancies().entrySet()) {
                charge += entry.getKey().oxidationState().getAsDouble() * entry.getValue();
            }
        }
        assertEquals(0, charge, 1e-4);
        // the ordered primitive build of the same row: 2 formula units per primitive cell at the same scale
        GeneratedStructure ordered = new NasiconStructures(host, "host", LatticeMode.SCALED, 4,
                org.cgformer.design.structure.StructureGenerator.Cell.PRIMITIVE).build(row, 3);
        double cells = ordered.composition().get("O") / 24.0;
        assertEquals(volume(ordered.lattice()) / cells, structure.volume(), 1e-2);
    }

    private static double volume(double[][] m) {
        return Math.abs(m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]));
    }
}
