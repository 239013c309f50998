package org.cgformer.graph.api;

import java.util.Arrays;
import java.util.List;

/**
 * Many graphs of one featurizer packed for training, each array allocated once: node-wise arrays are
 * concatenated over the graphs ("packed": N = total nodes, graph g owns nodes
 * {@code nodeOffset[g] .. nodeOffset[g+1]-1}), neighbour indices are shifted to that global
 * numbering, and the all-pairs arrays Graphormer's attention needs are padded to the largest graph
 * (P nodes) with masks. Shapes (B graphs, M slots, F/E/G feature columns):
 *
 * <ul>
 * <li>{@code nodeOffset [B + 1]}, {@code graphIndex [N]} (graph of each node, for pooling)</li>
 * <li>{@code nodeFeatures [N, F]}, {@code edgeFeatures [N, M, E]}, {@code graphFeatures [B, G]}</li>
 * <li>{@code neighbourIndex [N, M]} global node indices (padding slots point at the node itself),
 * {@code neighbourMask [N, M]}, {@code neighbourDistance [N, M]} Å</li>
 * <li>{@code inDegree [N]}, {@code outDegree [N]}</li>
 * <li>{@code nodeMask [B, P]} true for real nodes; {@code shortestPath [B, P, P]}: path lengths as in
 * {@link GraphTopology}, {@link GraphTopology#UNREACHABLE} where no path, {@link #PADDING} where
 * either node is padding</li>
 * </ul>
 *
 * The arrays are exposed without copying, for speed: do not modify them.
 */
public final class GraphBatch {

    /** Shortest-path value for pairs involving a padding node. */
    public static final byte PADDING = -2;

    private final int graphs;
    private final int maxNeighbours;
    private final int maxNodes;
    private final int nodeFeatureCount;
    private final int edgeFeatureCount;
    private final int graphFeatureCount;
    private final int[] nodeOffset;
    private final int[] graphIndex;
    private final float[] nodeFeatures;
    private final float[] edgeFeatures;
    private final float[] graphFeatures;
    private final int[] neighbourIndex;
    private final boolean[] neighbourMask;
    private final float[] neighbourDistance;
    private final int[] inDegree;
    private final int[] outDegree;
    private final boolean[] nodeMask;
    private final byte[] shortestPath;

    private GraphBatch(List<CrystalGraph> list) {
        CrystalGraph first = list.get(0);
        graphs = list.size();
        maxNeighbours = first.maxNeighbours();
        nodeFeatureCount = first.nodeFeatureCount;
        edgeFeatureCount = first.edgeFeatureCount;
        graphFeatureCount = first.graphFeatureCount;
        nodeOffset = new int[graphs + 1];
        int largest = 0;
        for (int g = 0; g < graphs; g++) {
            CrystalGraph graph = list.get(g);
            checkCompatible(first, graph, g);
            nodeOffset[g + 1] = nodeOffset[g] + graph.nodes();
            largest = Math.max(largest, graph.nodes());
        }
        maxNodes = largest;
        int total = nodeOffset[graphs];
        int m = maxNeighbours;
        graphIndex = new int[total];
        nodeFeatures = new float[total * nodeFeatureCount];
        edgeFeatures = new float[total * m * edgeFeatureCount];
        graphFeatures = new float[graphs * graphFeatureCount];
        neighbourIndex = new int[total * m];
        neighbourMask = new boolean[total * m];
        neighbourDistance = new float[total * m];
        inDegree = new int[total];
        outDegree = new int[total];
        nodeMask = new boolean[graphs * maxNodes];
        shortestPath = new byte[graphs * maxNodes * maxNodes];
        Arrays.fill(shortestPath, PADDING);
        for (int g = 0; g < graphs; g++) {
            copy(list.get(g), g);
        }
    }

    /**
     * Packs {@code graphs}, which must come from one featurizer (name, version) with the same
     * neighbour slots M.
     *
     * @throws IllegalArgumentException for an empty list or mixed graphs, naming the first odd one
     */
    public static GraphBatch of(List<CrystalGraph> graphs) {
        if (graphs.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one graph");
        }
        return new GraphBatch(graphs);
    }

    private static void checkCompatible(CrystalGraph first, CrystalGraph graph, int g) {
        if (!graph.featurizerName.equals(first.featurizerName) || !graph.featurizerVersion.equals(first.featurizerVersion)
                || graph.maxNeighbours() != first.maxNeighbours() || graph.nodeFeatureCount != first.nodeFeatureCount
                || graph.edgeFeatureCount != first.edgeFeatureCount || graph.graphFeatureCount != first.graphFeatureCount) {
            throw new IllegalArgumentException("graph " + g + " (" + graph + ") cannot be batched with graph 0 (" + first + ")");
        }
    }

    private void copy(CrystalGraph graph, int g) {
        GraphTopology t = graph.topology;
        int n = t.nodes;
        int m = maxNeighbours;
        int offset = nodeOffset[g];
        Arrays.fill(graphIndex, offset, offset + n, g);
        System.arraycopy(graph.nodeFeatures, 0, nodeFeatures, offset * nodeFeatureCount, n * nodeFeatureCount);
        System.arraycopy(graph.edgeFeatures, 0, edgeFeatures, offset * m * edgeFeatureCount, n * m * edgeFeatureCount);
        System.arraycopy(graph.graphFeatures, 0, graphFeatures, g * graphFeatureCount, graphFeatureCount);
        for (int k = 0; k < n * m; k++) {
            neighbourIndex[offset * m + k] = t.neighbourIndex[k] + offset;
        }
        System.arraycopy(t.neighbourMask, 0, neighbourMask, offset * m, n * m);
        System.arraycopy(t.neighbourDistance, 0, neighbourDistance, offset * m, n * m);
        System.arraycopy(t.inDegree, 0, inDegree, offset, n);
        System.arraycopy(t.outDegree, 0, outDegree, offset, n);
        Arrays.fill(nodeMask, g * maxNodes, g * maxNodes + n, true);
        for (int i = 0; i < n; i++) {
            System.arraycopy(t.shortestPath, i * n, shortestPath, (g * maxNodes + i) * maxNodes, n);
        }
    }

    /** B. */
    public int graphs() {
        return graphs;
    }

    /** N, nodes over all graphs. */
    public int totalNodes() {
        return nodeOffset[graphs];
    }

    /** P, nodes of the largest graph. */
    public int maxNodes() {
        return maxNodes;
    }

    /** M. */
    public int maxNeighbours() {
        return maxNeighbours;
    }

    public int nodeFeatureCount() {
        return nodeFeatureCount;
    }

    public int edgeFeatureCount() {
        return edgeFeatureCount;
    }

    public int graphFeatureCount() {
        return graphFeatureCount;
    }

    /** Number of nodes of graph {@code g}. */
    public int nodes(int g) {
        return nodeOffset[g + 1] - nodeOffset[g];
    }

    public int[] nodeOffset() {
        return nodeOffset;
    }

    public int[] graphIndex() {
        return graphIndex;
    }

    public float[] nodeFeatures() {
        return nodeFeatures;
    }

    public float[] edgeFeatures() {
        return edgeFeatures;
    }

    public float[] graphFeatures() {
        return graphFeatures;
    }

    public int[] neighbourIndex() {
        return neighbourIndex;
    }

    public boolean[] neighbourMask() {
        return neighbourMask;
    }

    public float[] neighbourDistance() {
        return neighbourDistance;
    }

    public int[] inDegree() {
        return inDegree;
    }

    public int[] outDegree() {
        return outDegree;
    }

    public boolean[] nodeMask() {
        return nodeMask;
    }

    public byte[] shortestPath() {
        return shortestPath;
    }
}
