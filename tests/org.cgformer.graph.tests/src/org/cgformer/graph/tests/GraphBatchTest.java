package org.cgformer.graph.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.cgformer.graph.api.CrystalGraph;
import org.cgformer.graph.api.GraphBatch;
import org.cgformer.graph.api.GraphOptions;
import org.cgformer.graph.internal.CgcnnFeaturizer;
import org.cgformer.graph.internal.CgformerFeaturizer;
import org.junit.jupiter.api.Test;

/** Packing graphs: offsets, shifted neighbour indices, copied features, padded shortest paths and masks. */
class GraphBatchTest {

    private final CgformerFeaturizer featurizer = new CgformerFeaturizer();

    @Test
    void packsGraphsWithOffsetsGlobalIndicesAndPaddedPaths() throws Exception {
        List<CrystalGraph> graphs = List.of(featurizer.featurize(SharedStructures.cubic("Na", 3.0)),
                featurizer.featurize(SharedStructures.read(SharedStructures.NASICON)),
                featurizer.featurize(SharedStructures.cubic("Cu", 3.6)));
        GraphBatch batch = GraphBatch.of(graphs);
        assertEquals(3, batch.graphs());
        assertArrayEquals(new int[] {0, 1, 127, 128}, batch.nodeOffset());
        assertEquals(126, batch.maxNodes());
        int m = batch.maxNeighbours();
        int f = batch.nodeFeatureCount();
        int e = batch.edgeFeatureCount();
        for (int g = 0; g < 3; g++) {
            CrystalGraph graph = graphs.get(g);
            int offset = batch.nodeOffset()[g];
            int n = graph.nodes();
            assertArrayEquals(graph.nodeFeatures(), Arrays.copyOfRange(batch.nodeFeatures(), offset * f, (offset + n) * f));
            assertArrayEquals(graph.edgeFeatures(), Arrays.copyOfRange(batch.edgeFeatures(), offset * m * e, (offset + n) * m * e));
            assertArrayEquals(graph.graphFeatures(), Arrays.copyOfRange(batch.graphFeatures(), g * graph.graphFeatureCount(),
                    (g + 1) * graph.graphFeatureCount()));
            assertArrayEquals(graph.inDegree(), Arrays.copyOfRange(batch.inDegree(), offset, offset + n));
            int[] local = graph.topology().neighbourIndex();
            for (int k = 0; k < n * m; k++) {
                assertEquals(local[k] + offset, batch.neighbourIndex()[offset * m + k]);
                assertEquals(g, batch.graphIndex()[batch.neighbourIndex()[offset * m + k]], "edges stay inside their graph");
            }
            int p = batch.maxNodes();
            for (int i = 0; i < p; i++) {
                assertEquals(i < n, batch.nodeMask()[g * p + i]);
                for (int j = 0; j < p; j++) {
                    byte expected = i < n && j < n ? (byte) graph.topology().pathLength(i, j) : GraphBatch.PADDING;
                    assertEquals(expected, batch.shortestPath()[(g * p + i) * p + j], "graph " + g + " " + i + "," + j);
                }
            }
        }
    }

    @Test
    void refusesGraphsOfDifferentFeaturizersOrSlots() throws Exception {
        CrystalGraph cgformer = featurizer.featurize(SharedStructures.cubic("Na", 3.0));
        CrystalGraph cgcnn = new CgcnnFeaturizer().featurize(SharedStructures.cubic("Na", 3.0));
        CrystalGraph fewer = featurizer.featurize(SharedStructures.cubic("Na", 3.0),
                GraphOptions.builder().optMaxNeighbours(6).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GraphBatch.of(List.of(cgformer, cgcnn)));
        assertTrue(e.getMessage().contains("graph 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GraphBatch.of(List.of(cgformer, fewer)));
        assertThrows(IllegalArgumentException.class, () -> GraphBatch.of(List.of()));
    }
}
