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
 * <li>{@code nodes [N, F]} float (magnitudes below 1e-20 flushed to 0, see {@link #flushTiny})</li>
 * <li>{@code edges [N, M, E]} float (the same)</li>
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
        return of(manager, batch, attention, maxDegree, maxPath, false);
    }

    /**
     * The arrays of {@link #of(NDManager, GraphBatch, boolean, int, int)}, followed, when {@code graphFeatures}, by the
     * featurizer's graph-level columns {@code graph [B, G]} (lattice system, volume per site, density, ...), which a
     * network with graph features joins to its pooled vector before the head.
     */
    public static NDList of(NDManager manager, GraphBatch batch, boolean attention, int maxDegree, int maxPath, boolean graphFeatures) {
        NDList list = nodeArrays(manager, batch, attention, maxDegree, maxPath);
        if (graphFeatures && batch.graphFeatureCount() > 0) {
            list.add(manager.create(flushTiny(batch.graphFeatures()), new Shape(batch.graphs(), batch.graphFeatureCount())));
        }
        return list;
    }

    /**
     * The graph-level features {@code [B, G]} of {@code inputs} when a network reads them ({@code expected} arrays before
     * them); null when it does not, or when the featurizer has no graph-level columns (then none follow).
     */
    public static NDArray graphFeatures(NDList inputs, int expected, boolean wanted) {
        return wanted && inputs.size() > expected ? inputs.get(expected) : null;
    }

    /** G, the graph-level columns among the input {@code shapes} that a network reads (0 when none, as above). */
    public static long graphFeatureWidth(Shape[] shapes, int expected, boolean wanted) {
        return wanted && shapes.length > expected ? shapes[expected].get(1) : 0;
    }

    private static NDList nodeArrays(NDManager manager, GraphBatch batch, boolean attention, int maxDegree, int maxPath) {
        int b = batch.graphs();
        int n = batch.totalNodes();
        int m = batch.maxNeighbours();
        int f = batch.nodeFeatureCount();
        int e = batch.edgeFeatureCount();
        NDList list = new NDList(attention ? WITH_ATTENTION + 1 : BASIC + 1);
        list.add(manager.create(flushTiny(batch.nodeFeatures()), new Shape(n, f)));
        list.add(manager.create(flushTiny(batch.edgeFeatures()), new Shape(n, m, e)));
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
        int[] code = spatialCodes(maxPath);
        for (int i = 0; i < spatial.length; i++) {
            spatial[i] = code[sp[i] & 0xff];
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

    /**
     * Magnitude below which {@link #flushTiny} sets feature values to 0: far below anything that can change a float sum
     * of products with weights of ordinary size (its terms below 1e-17 against values of order 1e-3 or more, whose float
     * spacing is 1e-10), and far above the subnormal floats (below 1.2e-38).
     */
    static final float TINY = 1e-20f;

    /**
     * A copy of the values with every value smaller in magnitude than {@link #TINY} set to 0. Gaussian expansions of
     * distances put about 8 % of such values in the edge features (the tails of the basis functions far from their
     * centres; in a 624-site NASICON cell 3.7 % are subnormal floats, below 1.2e-38), and their products with the weights
     * are subnormal too. A CPU computes with subnormal operands through a microcode assist about a hundred times slower
     * than the normal path. On the 2-core machine the shipped CGCNN Ehull ensemble (5 members, 101 primitive NASICON
     * cells) took 11.4 s with them and 7.4 s with the subnormals flushed, and in small batches ({@code
     * DjlPropertyModel#PREDICT_SLOTS}) 4.4 s against 3.2 s of CPU with everything below 1e-20 flushed. Its predictions
     * stayed the same (bit for bit with the subnormals flushed). Node features get the same treatment: other featurizers
     * may expand them the same way. Branch-free on the bits, so that the JIT vectorises it: a tenth of the time of a
     * branching loop.
     */
    static float[] flushTiny(float[] values) {
        float[] out = new float[values.length];
        int tiny = Float.floatToRawIntBits(TINY);
        for (int i = 0; i < values.length; i++) {
            int bits = Float.floatToRawIntBits(values[i]);
            // all ones when |v| < TINY (magnitude bits below TINY's), else 0; NaN and infinity are kept
            int small = ((bits & 0x7fffffff) - tiny) >> 31;
            out[i] = Float.intBitsToFloat(bits & ~small);
        }
        return out;
    }

    /**
     * The spatial code of every shortest-path byte (indexed by its unsigned value): 0 for padding pairs (masked anyway),
     * maxPath+1 for unreachable ones (any other negative byte), else the length capped at maxPath. A table instead of a
     * branch per pair: the pairs are B·P² per batch and member.
     */
    private static int[] spatialCodes(int maxPath) {
        int[] code = new int[256];
        for (int u = 0; u < 256; u++) {
            byte v = (byte) u;
            code[u] = v == GraphBatch.PADDING ? 0 : v < 0 ? maxPath + 1 : Math.min(v, maxPath);
        }
        return code;
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
