package org.cgformer.graph.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.cgformer.graph.api.CrystalGraph;
import org.cgformer.graph.api.FeatureColumn;
import org.cgformer.graph.api.FeaturizationException;
import org.cgformer.graph.api.Featurizer;
import org.cgformer.graph.api.GraphOptions;
import org.cgformer.graph.api.GraphTopology;
import org.cgformer.graph.api.IsolatedSitePolicy;
import org.cgformer.graph.internal.CgcnnFeaturizer;
import org.cgformer.graph.internal.CgformerFeaturizer;
import org.cgformer.structure.api.Lattice;
import org.cgformer.structure.api.Species;
import org.cgformer.structure.api.Structure;
import org.junit.jupiter.api.Test;

/** Isolated sites, empty structures, non-finite features and bad options give clear errors or the documented fallback. */
class BadInputTest {

    private static final GraphOptions KEEP = GraphOptions.builder().optIsolatedSites(IsolatedSitePolicy.KEEP_ISOLATED).build();

    /** Two sodium sites 10 Å apart in a 20 Å cubic cell: nothing within 8 Å. */
    private static Structure isolatedPair() {
        return Structure.builder(Lattice.cubic(20)).addSite("Na1", Species.of("Na"), 0, 0, 0)
                .addSite("Cl1", Species.of("Cl"), 0.5, 0, 0).build();
    }

    @Test
    void isolatedSiteIsRefusedNamingTheSiteAndCutoff() {
        for (Featurizer featurizer : List.of(new CgcnnFeaturizer(), new CgformerFeaturizer())) {
            FeaturizationException e = assertThrows(FeaturizationException.class, () -> featurizer.featurize(isolatedPair()));
            assertTrue(e.getMessage().contains("site 0 'Na1'") && e.getMessage().contains("8.0 Å"), e.getMessage());
            assertTrue(e.getMessage().contains("KEEP_ISOLATED"), "names the fallback: " + e.getMessage());
        }
    }

    @Test
    void keptIsolatedSitesAreEdgelessNodesWithFiniteFeatures() throws Exception {
        for (Featurizer featurizer : List.of(new CgcnnFeaturizer(), new CgformerFeaturizer())) {
            CrystalGraph graph = featurizer.featurize(isolatedPair(), KEEP);
            GraphTopology topology = graph.topology();
            assertEquals(0, topology.edges());
            for (boolean edge : topology.neighbourMask()) {
                assertFalse(edge);
            }
            assertEquals(0, topology.pathLength(0, 0));
            assertEquals(GraphTopology.UNREACHABLE, topology.pathLength(0, 1));
            assertEquals(GraphTopology.UNREACHABLE, topology.pathLength(1, 0));
            assertAllFinite(graph.nodeFeatures());
            assertAllFinite(graph.edgeFeatures());
            assertAllFinite(graph.graphFeatures());
            for (float e : graph.edgeFeatures()) {
                assertEquals(0f, e, "padding slots carry no features");
            }
        }
    }

    @Test
    void structureWithoutSitesIsRefused() {
        Structure empty = Structure.builder(Lattice.cubic(5)).build();
        FeaturizationException e = assertThrows(FeaturizationException.class, () -> new CgformerFeaturizer().featurize(empty));
        assertTrue(e.getMessage().contains("no sites"), e.getMessage());
        assertThrows(FeaturizationException.class, () -> new CgcnnFeaturizer().featurize(empty));
    }

    @Test
    void nonFiniteFeatureIsRefusedNamingColumnAndNode() throws Exception {
        GraphTopology topology = GraphTopology.of(SharedStructures.cubic("Na", 3.0), GraphOptions.defaults());
        Featurizer broken = new Featurizer() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public String version() {
                return "1.0.0";
            }

            @Override
            public String description() {
                return "gives NaN";
            }

            @Override
            public List<FeatureColumn> nodeColumns() {
                return List.of(new FeatureColumn("a", "first"), new FeatureColumn("ratio", "second"));
            }

            @Override
            public List<FeatureColumn> edgeColumns() {
                return List.of();
            }

            @Override
            public List<FeatureColumn> graphColumns() {
                return List.of();
            }

            @Override
            public CrystalGraph featurize(Structure structure, GraphOptions options) throws FeaturizationException {
                return CrystalGraph.of(topology, this, new float[] {1, Float.NaN}, new float[0], new float[0]);
            }
        };
        FeaturizationException e = assertThrows(FeaturizationException.class, () -> broken.featurize(null, null));
        assertTrue(e.getMessage().contains("'ratio'") && e.getMessage().contains("node 0") && e.getMessage().contains("NaN"),
                e.getMessage());
        FeaturizationException shape = assertThrows(FeaturizationException.class,
                () -> CrystalGraph.of(topology, broken, new float[3], new float[0], new float[0]));
        assertTrue(shape.getMessage().contains("[1, 2]"), shape.getMessage());
    }

    @Test
    void optionsRejectBadValuesNamingThem() {
        IllegalArgumentException m = assertThrows(IllegalArgumentException.class,
                () -> GraphOptions.builder().optMaxNeighbours(0).build());
        assertTrue(m.getMessage().contains("maximum neighbours"), m.getMessage());
        IllegalArgumentException c = assertThrows(IllegalArgumentException.class,
                () -> GraphOptions.builder().optCutoff(Double.NaN).build());
        assertTrue(c.getMessage().contains("cutoff"), c.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GraphOptions.builder().optMaxPathLength(200).build());
    }

    static void assertAllFinite(float[] values) {
        for (int k = 0; k < values.length; k++) {
            assertTrue(Float.isFinite(values[k]), "value " + k + " is " + values[k]);
        }
    }
}
