package org.cgformer.graph.api;

import java.util.List;

/**
 * A featurized crystal graph: the {@link GraphTopology} of a structure plus feature arrays, flat and
 * row-major (n nodes, M neighbour slots):
 *
 * <ul>
 * <li>{@code nodeFeatures [n, F]}, columns {@link Featurizer#nodeColumns()}</li>
 * <li>{@code edgeFeatures [n, M, E]}, columns {@link Featurizer#edgeColumns()}; zero in padding slots</li>
 * <li>{@code graphFeatures [G]}, columns {@link Featurizer#graphColumns()}</li>
 * </ul>
 *
 * Every feature is finite: {@link #of} refuses NaN and infinities, naming the column and node.
 * Immutable; accessors return copies (batching reads the arrays directly, see {@link GraphBatch}).
 */
public final class CrystalGraph {

    /** Shortest-path value of a pair with no path between them. */
    public static final byte UNREACHABLE = GraphTopology.UNREACHABLE;

    final GraphTopology topology;
    final String featurizerName;
    final String featurizerVersion;
    final int nodeFeatureCount;
    final int edgeFeatureCount;
    final int graphFeatureCount;
    final float[] nodeFeatures;
    final float[] edgeFeatures;
    final float[] graphFeatures;

    CrystalGraph(GraphTopology topology, String featurizerName, String featurizerVersion, int nodeFeatureCount,
            int edgeFeatureCount, float[] nodeFeatures, float[] edgeFeatures, float[] graphFeatures) {
        this.topology = topology;
        this.featurizerName = featurizerName;
        this.featurizerVersion = featurizerVersion;
        this.nodeFeatureCount = nodeFeatureCount;
        this.edgeFeatureCount = edgeFeatureCount;
        this.graphFeatureCount = graphFeatures.length;
        this.nodeFeatures = nodeFeatures;
        this.edgeFeatures = edgeFeatures;
        this.graphFeatures = graphFeatures;
    }

    /**
     * A graph with features computed by {@code featurizer}; the arrays are taken over (not copied).
     *
     * @throws FeaturizationException when an array's length does not match the featurizer's columns
     *         or a feature is not finite
     */
    public static CrystalGraph of(GraphTopology topology, Featurizer featurizer, float[] nodeFeatures,
            float[] edgeFeatures, float[] graphFeatures) throws FeaturizationException {
        int n = topology.nodes();
        int m = topology.maxNeighbours();
        List<FeatureColumn> nodeColumns = featurizer.nodeColumns();
        List<FeatureColumn> edgeColumns = featurizer.edgeColumns();
        List<FeatureColumn> graphColumns = featurizer.graphColumns();
        String who = "featurizer " + featurizer.name() + " " + featurizer.version();
        checkLength(who, "node", nodeFeatures, n * nodeColumns.size(), "[" + n + ", " + nodeColumns.size() + "]");
        checkLength(who, "edge", edgeFeatures, n * m * edgeColumns.size(),
                "[" + n + ", " + m + ", " + edgeColumns.size() + "]");
        checkLength(who, "graph", graphFeatures, graphColumns.size(), "[" + graphColumns.size() + "]");
        checkFinite(who, "node", nodeFeatures, nodeColumns, 1);
        checkFinite(who, "edge", edgeFeatures, edgeColumns, m);
        checkFinite(who, "graph", graphFeatures, graphColumns, Integer.MAX_VALUE);
        return new CrystalGraph(topology, featurizer.name(), featurizer.version(), nodeColumns.size(),
                edgeColumns.size(), nodeFeatures, edgeFeatures, graphFeatures);
    }

    private static void checkLength(String who, String kind, float[] values, int expected, String shape)
            throws FeaturizationException {
        if (values.length != expected) {
            throw new FeaturizationException(who + " gave " + values.length + " " + kind + " features; shape " + shape
                    + " needs " + expected);
        }
    }

    /** {@code rowsPerNode}: rows of the matrix per node (1 for nodes, M for edges). */
    private static void checkFinite(String who, String kind, float[] values, List<FeatureColumn> columns,
            int rowsPerNode) throws FeaturizationException {
        int width = columns.size();
        for (int k = 0; k < values.length; k++) {
            if (!Float.isFinite(values[k])) {
                int row = k / width;
                throw new FeaturizationException(String.format(java.util.Locale.ROOT,
                        "%s gave %s for %s feature '%s'%s", who, values[k], kind, columns.get(k % width).name(),
                        rowsPerNode == Integer.MAX_VALUE ? ""
                                : " of node " + row / rowsPerNode + (rowsPerNode > 1 ? ", slot " + row % rowsPerNode : "")));
            }
        }
    }

    public GraphTopology topology() {
        return topology;
    }

    public String featurizerName() {
        return featurizerName;
    }

    public String featurizerVersion() {
        return featurizerVersion;
    }

    public int nodes() {
        return topology.nodes;
    }

    public int maxNeighbours() {
        return topology.maxNeighbours;
    }

    /** F. */
    public int nodeFeatureCount() {
        return nodeFeatureCount;
    }

    /** E. */
    public int edgeFeatureCount() {
        return edgeFeatureCount;
    }

    /** G. */
    public int graphFeatureCount() {
        return graphFeatureCount;
    }

    /** [n, F]. A copy. */
    public float[] nodeFeatures() {
        return nodeFeatures.clone();
    }

    /** [n, M, E]. A copy. */
    public float[] edgeFeatures() {
        return edgeFeatures.clone();
    }

    /** [G]. A copy. */
    public float[] graphFeatures() {
        return graphFeatures.clone();
    }

    /** Feature {@code column} of node {@code node}. */
    public float nodeFeature(int node, int column) {
        return nodeFeatures[node * nodeFeatureCount + column];
    }

    /** Feature {@code column} of slot {@code slot} of node {@code node}. */
    public float edgeFeature(int node, int slot, int column) {
        return edgeFeatures[(node * topology.maxNeighbours + slot) * edgeFeatureCount + column];
    }

    /** [n] in-degrees. A copy. */
    public int[] inDegree() {
        return topology.inDegree();
    }

    /** [n] out-degrees. A copy. */
    public int[] outDegree() {
        return topology.outDegree();
    }

    /** [n, n] capped shortest-path lengths, {@link #UNREACHABLE} where none. A copy. */
    public byte[] shortestPath() {
        return topology.shortestPath();
    }

    @Override
    public String toString() {
        return "CrystalGraph[" + featurizerName + " " + featurizerVersion + ", " + nodes() + " nodes, "
                + topology.edges() + " edges, F=" + nodeFeatureCount + ", E=" + edgeFeatureCount + ", G="
                + graphFeatureCount + "]";
    }
}
