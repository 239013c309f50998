package org.cgformer.model.djl;

import org.cgformer.djl.api.Autograd;
import org.cgformer.djl.api.TensorKernels;
import org.cgformer.graph.api.GraphBatch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Turns a {@link GraphBatch} into the arrays the graph networks read (B graphs, N nodes in all, M
 * neighbour slots, P nodes of the largest graph). Always:
 * <ol start="0">
 * <li>{@code nodes [N, F]} float</li>
 * <li>{@code edges [N, M, E]} float</li>
 * <li>{@code neighbours [N*M]} int64, global node index of each slot (padding slots point at the node)</li>
 * <li>{@code neighbourMask [N, M, 1]} float, 1 for real edges</li>
 * <li>{@code pool [B, N]} float, 1/n_g where node belongs to graph g (mean pooling by matMul)</li>
 * </ol>
 * With attention inputs also:
 * <ol start="5">
 * <li>{@code inDegree [N]}, {@code outDegree [N]} int64, capped at {@code maxDegree}</li>
 * <li>{@code spatial [B*P*P]} int32 (int64 before 1.4): shortest-path length 0..maxPath, maxPath+1 for unreachable,
 * 0 for padding pairs (masked anyway)</li>
 * <li>{@code keyMask [B, 1, 1, P]} float, 0 for real nodes, -1e9 for padding (added to attention logits)</li>
 * <li>{@code pad [B*P]} int64, the packed node behind each padded position (0 for padding)</li>
 * <li>{@code unpad [N]} int64, the padded position of each packed node</li>
 * </ol>
 */
public final class GraphInputs {

    public static final int BASIC = 5;
    public static final int WITH_ATTENTION = 11;

    private GraphInputs() {
    }

    public static NDList of(NDManager manager, GraphBatch batch, boolean attention, int maxDegree, int maxPath) {
        int b = batch.graphs();
        int n = batch.totalNodes();
        int m = batch.maxNeighbours();
        int f = batch.nodeFeatureCount();
        int e = batch.edgeFeatureCount();
        NDList list = new NDList(attention ? WITH_ATTENTION : BASIC);
        list.add(manager.create(batch.nodeFeatures(), new Shape(n, f)));
        list.add(manager.create(batch.edgeFeatures(), new Shape(n, m, e)));
        int[] idx = batch.neighbourIndex();
        long[] neighbours = new long[idx.length];
        for (int i = 0; i < idx.length; i++) {
            neighbours[i] = idx[i];
        }
        list.add(manager.create(neighbours));
        boolean[] mask = batch.neighbourMask();
        float[] maskF = new float[mask.length];
        for (int i = 0; i < mask.length; i++) {
            maskF[i] = mask[i] ? 1f : 0f;
        }
        list.add(manager.create(maskF, new Shape(n, m, 1)));
        float[] pool = new float[b * n];
        int[] offset = batch.nodeOffset();
        for (int g = 0; g < b; g++) {
            float w = 1f / batch.nodes(g);
            for (int i = offset[g]; i < offset[g + 1]; i++) {
                pool[g * n + i] = w;
            }
        }
        list.add(manager.create(pool, new Shape(b, n)));
        if (!attention) {
            return list;
        }
        list.add(manager.create(capped(batch.inDegree(), maxDegree)));
        list.add(manager.create(capped(batch.outDegree(), maxDegree)));
        int p = batch.maxNodes();
        byte[] sp = batch.shortestPath();
        // int32: B x P^2 entries (4M for 11 NASICON supercells); int64 would double what is built and copied per batch
        int[] spatial = new int[b * p * p];
        for (int i = 0; i < spatial.length; i++) {
            int v = sp[i];
            spatial[i] = v == GraphBatch.PADDING ? 0 : v < 0 ? maxPath + 1 : Math.min(v, maxPath);
        }
        list.add(manager.create(spatial));
        boolean[] nodeMask = batch.nodeMask();
        float[] keyMask = new float[b * p];
        long[] pad = new long[b * p];
        long[] unpad = new long[n];
        for (int g = 0; g < b; g++) {
            for (int k = 0; k < p; k++) {
                boolean real = nodeMask[g * p + k];
                keyMask[g * p + k] = real ? 0f : -1e9f;
                if (real) {
                    int node = offset[g] + k;
                    pad[g * p + k] = node;
                    unpad[node] = g * p + k;
                }
            }
        }
        list.add(manager.create(keyMask, new Shape(b, 1, 1, p)));
        list.add(manager.create(pad));
        list.add(manager.create(unpad));
        return list;
    }

    private static long[] capped(int[] values, int cap) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Math.min(values[i], cap);
        }
        return out;
    }

    /** Shapes of {@link #of} for a batch, for {@code Block.initialize}. */
    public static Shape[] shapes(NDList inputs) {
        return inputs.getShapes();
    }

    /**
     * Whether a forward pass may overwrite its intermediate arrays in place instead of allocating new ones: only in
     * inference mode and when this thread records no gradients (no gradient collector open, libtorch's grad mode off).
     * Inference mode alone is not enough: a frozen block runs in inference mode while fine-tuning (see
     * {@link VersionedBlock#forwardChild}) and the gradient of the layers before it flows through its arrays, some of
     * which autograd keeps (a sigmoid's output, for one). DJL's {@code hasGradient()} cannot tell: it is false for such
     * intermediates. Grad mode is per thread and on by default in libtorch, except on the thread that started the
     * engine; {@code DjlPropertyModel.predict} turns it off on its thread while it runs. Where it is on, this answers false
     * and the forward pass allocates as before (slower, same values).
     *
     * @since 1.4
     */
    public static boolean inPlace(boolean training) {
        return !training && !Autograd.isRecording();
    }

    /**
     * The rows {@code table[index[i]]}, {@code [index.size, columns]}, for a 2-D table and a 1-D int32 or int64 index:
     * {@link TensorKernels#rows}, an embedding lookup. The result belongs
     * to the index's manager (the batch's), also when the table is a parameter, whose manager (the model's) would keep
     * every result until the model is closed.
     *
     * @since 1.4
     */
    public static NDArray rows(NDArray table, NDArray index) {
        return TensorKernels.rows(table, index);
    }
}
