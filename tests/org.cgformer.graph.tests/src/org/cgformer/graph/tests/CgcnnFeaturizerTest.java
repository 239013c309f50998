package org.cgformer.graph.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Map;

import org.cgformer.graph.api.CrystalGraph;
import org.cgformer.graph.api.FeaturizationException;
import org.cgformer.graph.api.GaussianExpansion;
import org.cgformer.graph.api.GraphOptions;
import org.cgformer.graph.api.GraphTopology;
import org.cgformer.graph.internal.AtomInitTable;
import org.cgformer.graph.internal.CgcnnFeaturizer;
import org.cgformer.structure.api.Element;
import org.cgformer.structure.api.Lattice;
import org.cgformer.structure.api.Site;
import org.cgformer.structure.api.Species;
import org.cgformer.structure.api.Structure;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The cgcnn featurizer against CGCNN's own atom_init.json (the shared copy) and Gaussian formula. */
class CgcnnFeaturizerTest {

    private final CgcnnFeaturizer featurizer = new CgcnnFeaturizer();

    private static JsonNode sharedAtomInit() throws Exception {
        try (InputStream in = Files.newInputStream(SharedStructures.data("elements/cgcnn_atom_init.json"))) {
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void shippedTableEqualsTheSharedJson() throws Exception {
        JsonNode shared = sharedAtomInit();
        AtomInitTable shipped = AtomInitTable.load();
        assertEquals(100, shared.size());
        assertEquals(100, shipped.maxAtomicNumber());
        for (int z = 1; z <= 100; z++) {
            JsonNode row = shared.get(Integer.toString(z));
            float[] ours = shipped.row(z);
            assertEquals(row.size(), ours.length, "Z = " + z);
            for (int k = 0; k < ours.length; k++) {
                assertEquals((float) row.get(k).asDouble(), ours[k], "Z = " + z + ", entry " + k);
            }
        }
    }

    @Test
    void nodeRowOfEveryElementIsItsAtomInitRow() throws Exception {
        JsonNode shared = sharedAtomInit();
        assertEquals(92, featurizer.nodeColumns().size());
        for (int z = 1; z <= 100; z++) {
            Element element = Element.ofAtomicNumber(z);
            CrystalGraph graph = featurizer.featurize(SharedStructures.cubic(element.symbol(), 3.0));
            JsonNode row = shared.get(Integer.toString(z));
            for (int k = 0; k < 92; k++) {
                assertEquals((float) row.get(k).asDouble(), graph.nodeFeature(0, k), element + " entry " + k);
            }
        }
    }

    @Test
    void partialOccupancyWeightsTheRows() throws Exception {
        Structure nasicon = SharedStructures.read(SharedStructures.NASICON);
        CrystalGraph graph = featurizer.featurize(nasicon);
        AtomInitTable table = AtomInitTable.load();
        int mixedSites = 0;
        for (int i = 0; i < nasicon.size(); i++) {
            float[] expected = new float[92];
            for (Map.Entry<Species, Double> e : nasicon.site(i).occupancies().entrySet()) {
                float[] row = table.row(e.getKey().element().atomicNumber());
                for (int k = 0; k < 92; k++) {
                    expected[k] += (float) (e.getValue() * row[k]);
                }
            }
            for (int k = 0; k < 92; k++) {
                assertEquals(expected[k], graph.nodeFeature(i, k), 1e-6, "site " + i + " entry " + k);
            }
            mixedSites += nasicon.site(i).occupancies().size() > 1 ? 1 : 0;
        }
        assertEquals(18, mixedSites, "18e Si/P sites of the average NASICON");
        int na2 = indexOfLabel(nasicon, "Na2");
        float[] na = table.row(11);
        int hot = 0;
        while (na[hot] == 0) {
            hot++;
        }
        assertEquals(2 / 3.0, graph.nodeFeature(na2, hot), 1e-3, "Na2 is 2/3 occupied");
    }

    @Test
    void edgeFeaturesAreCgcnnGaussiansOfTheDistances() throws Exception {
        CrystalGraph graph = featurizer.featurize(SharedStructures.read(SharedStructures.NASICON));
        GraphTopology topology = graph.topology();
        assertEquals(41, graph.edgeFeatureCount(), "0-8 Å in steps of 0.2 Å");
        for (int i = 0; i < graph.nodes(); i++) {
            for (int s = 0; s < graph.maxNeighbours(); s++) {
                double d = topology.distance(i, s);
                for (int k = 0; k < 41; k++) {
                    double expected = topology.isEdge(i, s) ? Math.exp(-Math.pow(d - 0.2 * k, 2) / 0.04) : 0;
                    assertEquals(expected, graph.edgeFeature(i, s, k), 1e-6, "node " + i + " slot " + s + " centre " + k);
                }
            }
        }
    }

    @Test
    void expandedEdgesHoldTheGaussiansOfRealEdgesAndZerosElsewhere() throws Exception {
        // 3 Å: NASICON's sites have fewer than 12 neighbours, so some slots are padding
        GraphTopology topology = GraphTopology.of(SharedStructures.read(SharedStructures.NASICON),
                GraphOptions.builder().optCutoff(3.0).build());
        GaussianExpansion gaussians = GaussianExpansion.cgcnn();
        int width = gaussians.size() + 2;
        float[] edges = gaussians.expandEdges(topology, width);
        int m = topology.maxNeighbours();
        assertEquals(topology.nodes() * m * width, edges.length);
        float[] expected = new float[width];
        int padding = 0;
        for (int i = 0; i < topology.nodes(); i++) {
            for (int s = 0; s < m; s++) {
                Arrays.fill(expected, 0);
                if (topology.isEdge(i, s)) {
                    gaussians.expand(topology.distance(i, s), expected, 0);
                } else {
                    padding++;
                }
                int offset = (i * m + s) * width;
                assertArrayEquals(expected, Arrays.copyOfRange(edges, offset, offset + width),
                        "node " + i + " slot " + s);
            }
        }
        assertTrue(padding > 0, "the 3 Å graph has padding slots");
        IllegalArgumentException narrow = assertThrows(IllegalArgumentException.class, () -> gaussians.expandEdges(topology, 40));
        assertTrue(narrow.getMessage().contains("edge width 40 is less than the 41 Gaussians"), narrow.getMessage());
    }

    @Test
    void elementWithoutAtomInitRowIsRefusedNamingTheSite() {
        Structure mendelevium = Structure.builder(Lattice.cubic(3.5))
                .addSite(Site.of("X7", new double[] {0, 0, 0}, Map.of(Species.of(Element.ofAtomicNumber(101)), 1.0))).build();
        FeaturizationException e = assertThrows(FeaturizationException.class, () -> featurizer.featurize(mendelevium));
        assertTrue(e.getMessage().contains("Md") && e.getMessage().contains("site 0 'X7'"), e.getMessage());
        assertNotNull(e.getMessage());
    }

    @Test
    void featuresDoNotDependOnTheNumberOfNeighbourSlots() throws Exception {
        Structure nasicon = SharedStructures.read(SharedStructures.NASICON);
        CrystalGraph twelve = featurizer.featurize(nasicon);
        CrystalGraph four = featurizer.featurize(nasicon, GraphOptions.builder().optMaxNeighbours(4).build());
        for (int i = 0; i < nasicon.size(); i++) {
            for (int s = 0; s < 4; s++) {
                assertEquals(twelve.topology().distance(i, s), four.topology().distance(i, s), "nearest first");
            }
        }
    }

    static int indexOfLabel(Structure structure, String label) {
        for (int i = 0; i < structure.size(); i++) {
            if (label.equals(structure.site(i).label())) {
                return i;
            }
        }
        throw new AssertionError("no site labelled " + label);
    }
}
