package org.cgformer.graph.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.cgformer.graph.api.CrystalGraph;
import org.cgformer.graph.api.FeatureColumn;
import org.cgformer.graph.api.FeaturizationException;
import org.cgformer.graph.api.GraphTopology;
import org.cgformer.graph.internal.CgcnnFeaturizer;
import org.cgformer.graph.internal.CgformerFeaturizer;
import org.cgformer.structure.api.Lattice;
import org.cgformer.structure.api.Species;
import org.cgformer.structure.api.Structure;
import org.junit.jupiter.api.Test;

/** The cgformer featurizer: oxidation states, bond types, occupancy, lattice system, documented columns. */
class CgformerFeaturizerTest {

    private final CgformerFeaturizer featurizer = new CgformerFeaturizer();

    private int node(String name) {
        return column(featurizer.nodeColumns(), name);
    }

    private int edge(String name) {
        return column(featurizer.edgeColumns(), name);
    }

    private int graph(String name) {
        return column(featurizer.graphColumns(), name);
    }

    private static int column(List<FeatureColumn> columns, String name) {
        for (int k = 0; k < columns.size(); k++) {
            if (columns.get(k).name().equals(name)) {
                return k;
            }
        }
        throw new AssertionError("no column " + name + " in " + columns);
    }

    @Test
    void nasiconUsesTheFilesOxidationStatesAndWeightsMixedSites() throws Exception {
        Structure nasicon = SharedStructures.read(SharedStructures.NASICON);
        CrystalGraph graph = featurizer.featurize(nasicon);
        assertEquals(1f, graph.graphFeatures()[graph("oxidation_file")]);
        int zr = CgcnnFeaturizerTest.indexOfLabel(nasicon, "Zr1");
        int na2 = CgcnnFeaturizerTest.indexOfLabel(nasicon, "Na2");
        int mixed = mixedSite(nasicon);
        assertEquals(4 / 8.0, graph.nodeFeature(zr, node("oxidation_state")), 1e-6);
        assertEquals((2 / 3.0 * 4 + 1 / 3.0 * 5) / 8, graph.nodeFeature(mixed, node("oxidation_state")), 1e-5);
        assertEquals(2 / 3.0, graph.nodeFeature(na2, node("occupancy")), 1e-5);
        assertEquals(1f, graph.nodeFeature(na2, node("disordered")));
        assertEquals(0f, graph.nodeFeature(zr, node("disordered")));
        assertEquals(2 / 3.0, graph.nodeFeature(na2, node("cation")), 1e-5, "occupancy-weighted");
        assertEquals(12 / 126.0, graph.nodeFeature(zr, node("multiplicity")), 1e-6, "Zr on 12c of 126 sites");
        assertEquals(1f, graph.graphFeatures()[graph("lattice_hexagonal")], "R-3c in hexagonal axes");
    }

    @Test
    void oxidationStatesAreBalancedWhenTheFileHasNone() throws Exception {
        Structure plain = SharedStructures.read(SharedStructures.NASICON).withoutOxidationStates();
        CrystalGraph graph = featurizer.featurize(plain);
        assertEquals(1f, graph.graphFeatures()[graph("oxidation_balanced")], "disordered: no bond-valence guess");
        int mixed = mixedSite(plain);
        assertEquals((2 / 3.0 * 4 + 1 / 3.0 * 5) / 8, graph.nodeFeature(mixed, node("oxidation_state")), 1e-5,
                "Si4+ and P5+ from charge balance");
        int o1 = CgcnnFeaturizerTest.indexOfLabel(plain, "O1");
        assertEquals(-2 / 8.0, graph.nodeFeature(o1, node("oxidation_state")), 1e-6);
    }

    @Test
    void orderedStructureWithoutChargesIsGuessedFromBondValences() throws Exception {
        Structure rockSalt = Structure.builder(Lattice.cubic(5.64)).addSite("Na1", Species.of("Na"), 0, 0, 0)
                .addSite("Na1", Species.of("Na"), 0.5, 0.5, 0).addSite("Na1", Species.of("Na"), 0.5, 0, 0.5)
                .addSite("Na1", Species.of("Na"), 0, 0.5, 0.5).addSite("Cl1", Species.of("Cl"), 0.5, 0, 0)
                .addSite("Cl1", Species.of("Cl"), 0, 0.5, 0).addSite("Cl1", Species.of("Cl"), 0, 0, 0.5)
                .addSite("Cl1", Species.of("Cl"), 0.5, 0.5, 0.5).build();
        CrystalGraph graph = featurizer.featurize(rockSalt);
        assertEquals(1f, graph.graphFeatures()[graph("oxidation_bond_valence")]);
        assertEquals(1f, graph.graphFeatures()[graph("lattice_cubic")]);
        assertEquals(1 / 8.0, graph.nodeFeature(0, node("oxidation_state")), 1e-6);
        assertEquals(-1 / 8.0, graph.nodeFeature(4, node("oxidation_state")), 1e-6);
        assertEquals(0.5, graph.nodeFeature(0, node("multiplicity")), 1e-6, "4 of 8 sites share label Na1");
        GraphTopology topology = graph.topology();
        for (int s = 0; s < 12; s++) {
            boolean toChlorine = topology.neighbour(0, s) >= 4;
            assertEquals(toChlorine ? 1f : 0f, graph.edgeFeature(0, s, edge("cation_anion")), "slot " + s);
            assertEquals(toChlorine ? 0f : 1f, graph.edgeFeature(0, s, edge("cation_cation")), "slot " + s);
        }
    }

    @Test
    void everyRealEdgeHasExactlyOneBondType() throws Exception {
        CrystalGraph graph = featurizer.featurize(SharedStructures.read(SharedStructures.NASICON));
        int first = edge("cation_anion");
        for (int i = 0; i < graph.nodes(); i++) {
            for (int s = 0; s < graph.maxNeighbours(); s++) {
                float sum = 0;
                for (int t = 0; t < 4; t++) {
                    sum += graph.edgeFeature(i, s, first + t);
                }
                assertEquals(graph.topology().isEdge(i, s) ? 1f : 0f, sum, "node " + i + " slot " + s);
            }
        }
    }

    @Test
    void everyColumnIsDocumentedAndNamedOnce() {
        for (List<FeatureColumn> columns : List.of(featurizer.nodeColumns(), featurizer.edgeColumns(), featurizer.graphColumns())) {
            assertEquals(columns.size(), columns.stream().map(FeatureColumn::name).distinct().count());
            columns.forEach(c -> assertTrue(c.description().length() > 10, c.name()));
        }
        assertEquals(14, featurizer.nodeColumns().size());
        assertEquals(45, featurizer.edgeColumns().size());
    }

    @Test
    void allTwoDimensionalMaterialsGiveFiniteGraphsOrNamedRefusals() throws Exception {
        List<String> refusals = new ArrayList<>();
        int graphs = 0;
        for (Path file : SharedStructures.everyNth(SharedStructures.JDFT2D, 3)) {
            Structure structure = SharedStructures.read(file);
            for (var f : List.of(featurizer, new CgcnnFeaturizer())) {
                try {
                    CrystalGraph graph = f.featurize(structure);
                    BadInputTest.assertAllFinite(graph.nodeFeatures());
                    BadInputTest.assertAllFinite(graph.edgeFeatures());
                    BadInputTest.assertAllFinite(graph.graphFeatures());
                    graphs++;
                } catch (FeaturizationException e) {
                    assertTrue(e.getMessage().contains("site"), e.getMessage());
                    refusals.add(file.getFileName() + ": " + e.getMessage());
                }
            }
        }
        System.out.println("[graph test] jdft2d sample: " + graphs + " graphs, refused: " + refusals);
        assertTrue(refusals.size() * 20 < graphs, "too many refusals: " + refusals);
    }

    private static int mixedSite(Structure structure) {
        for (int i = 0; i < structure.size(); i++) {
            if (structure.site(i).occupancies().size() > 1) {
                return i;
            }
        }
        throw new AssertionError("no mixed site");
    }
}
