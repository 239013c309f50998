package org.cgformer.graph.internal;

import org.cgformer.graph.api.GaussianExpansion;
import org.cgformer.graph.api.GraphTopology;

/** Helpers that fill edge feature tensors [n, M, E]; padding slots stay 0. */
final class EdgeFeatures {

    private EdgeFeatures() {
    }

    /** A new [n, M, width] tensor with the Gaussian expansion of each real edge at columns {@code from}... */
    static float[] gaussians(GraphTopology topology, GaussianExpansion gaussians, int from, int width) {
        int n = topology.nodes();
        int m = topology.maxNeighbours();
        float[] edges = new float[n * m * width];
        for (int i = 0; i < n; i++) {
            for (int s = 0; s < m; s++) {
                if (topology.isEdge(i, s)) {
                    gaussians.expand(topology.distance(i, s), edges, (i * m + s) * width + from);
                }
            }
        }
        return edges;
    }
}
