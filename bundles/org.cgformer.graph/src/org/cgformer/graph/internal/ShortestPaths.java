package org.cgformer.graph.internal;

import java.util.Arrays;

import org.cgformer.graph.api.GraphTopology;

/** All-pairs shortest-path lengths in a directed graph with fixed neighbour slots, one BFS per node. */
public final class ShortestPaths {

    private ShortestPaths() {
    }

    /**
     * [n, n] path lengths i → j over the real edges (mask) of {@code neighbourIndex [n, m]}, capped at
     * {@code maxPathLength}; {@link GraphTopology#UNREACHABLE} where there is no path.
     */
    public static byte[] compute(int n, int m, int[] neighbourIndex, boolean[] mask, int maxPathLength) {
        byte[] paths = new byte[n * n];
        Arrays.fill(paths, GraphTopology.UNREACHABLE);
        int[] queue = new int[n];
        int[] depth = new int[n];
        for (int source = 0; source < n; source++) {
            bfs(source, n, m, neighbourIndex, mask, maxPathLength, paths, queue, depth);
        }
        return paths;
    }

    private static void bfs(int source, int n, int m, int[] neighbourIndex, boolean[] mask, int cap, byte[] paths,
            int[] queue, int[] depth) {
        int row = source * n;
        int head = 0;
        int tail = 0;
        queue[tail++] = source;
        depth[source] = 0;
        paths[row + source] = 0;
        while (head < tail) {
            int node = queue[head++];
            int next = depth[node] + 1;
            for (int s = node * m, end = s + m; s < end; s++) {
                int target = neighbourIndex[s];
                if (mask[s] && paths[row + target] == GraphTopology.UNREACHABLE) {
                    paths[row + target] = (byte) Math.min(next, cap);
                    depth[target] = next;
                    queue[tail++] = target;
                }
            }
        }
    }
}
