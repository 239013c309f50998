package org.cgformer.model.cgformer.nn;

import org.cgformer.model.djl.GraphInputs;
import org.cgformer.model.djl.VersionedBlock;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One Graphormer layer (Ying et al. 2021), pre-layer-norm: x ← x + O(MHA(LN(x))) with attention logits
 * q·k/√d + b_h(φ(i,j)) + mask, then x ← x + W2 GELU(W1 LN(x)). b_h(φ) is a learnable scalar per head and
 * shortest-path length φ (0..maxPath, maxPath+1 = unreachable); padding keys get -1e9. Optional dropout on both
 * residual branches while training.
 *
 * <p>Inputs: {@code x [B, P, H]}, {@code spatial [B*P*P]} int64 (int32 is converted, once per layer), {@code keyMask [B, 1, 1, P]}.
 * Output {@code [B, P, H]}.
 */
public final class GraphAttentionLayer extends VersionedBlock {

    private static final byte VERSION = 1;

    private final int hiddenSize;
    private final int heads;
    private final int maxPath;
    private final float dropout;
    private final boolean graphToken;
    private final Parameter spatialBias;
    private final LayerNorm attentionNorm;
    private final Linear query;
    private final Linear key;
    private final Linear value;
    private final Linear out;
    private final LayerNorm ffnNorm;
    private final Linear ffnIn;
    private final Linear ffnOut;

    GraphAttentionLayer(Builder b) {
        super(VERSION);
        hiddenSize = b.hiddenSize;
        heads = b.heads;
        maxPath = b.maxPath;
        dropout = b.dropout;
        graphToken = b.graphToken;
        spatialBias = addParameter(Parameter.builder().setName("spatial_bias").setType(Parameter.Type.WEIGHT).build());
        attentionNorm = addChildBlock("attention_norm", LayerNorm.builder().axis(1).build());
        query = addChildBlock("query", Linear.builder().setUnits(hiddenSize).build());
        key = addChildBlock("key", Linear.builder().setUnits(hiddenSize).build());
        value = addChildBlock("value", Linear.builder().setUnits(hiddenSize).build());
        out = addChildBlock("out", Linear.builder().setUnits(hiddenSize).build());
        ffnNorm = addChildBlock("ffn_norm", LayerNorm.builder().axis(1).build());
        ffnIn = addChildBlock("ffn_in", Linear.builder().setUnits(b.ffnSize).build());
        ffnOut = addChildBlock("ffn_out", Linear.builder().setUnits(hiddenSize).build());
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        spatialBias.setShape(new Shape(maxPath + (graphToken ? 3L : 2L), heads));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        if (inputs.size() != 3) {
            throw new IllegalArgumentException("expected [x, spatial, keyMask], got " + inputs.size() + " arrays");
        }
        NDArray x = inputs.get(0);
        long b = x.getShape().get(0);
        long p = x.getShape().get(1);
        long h = hiddenSize;
        long d = h / heads;
        NDArray flat = x.reshape(b * p, h);
        NDArray y = attentionNorm.forward(ps, new NDList(flat), training).singletonOrThrow();
        // 1/√d on q ([P, H]) instead of on the logits ([heads, P, P]): the same product up to float rounding
        NDArray q = heads(query.forward(ps, new NDList(y), training).singletonOrThrow().mul(1.0 / Math.sqrt(d)), b, p, d);
        NDArray k = heads(key.forward(ps, new NDList(y), training).singletonOrThrow(), b, p, d);
        NDArray v = heads(value.forward(ps, new NDList(y), training).singletonOrThrow(), b, p, d);
        NDArray bias = spatialBias(ps.getValue(spatialBias, x.getDevice(), training), inputs.get(1), b, p);
        NDArray logits = q.matMul(k.transpose(0, 1, 3, 2));
        // one structure per batch has no padding (P is its size), and its key mask is all 0
        boolean padded = b > 1;
        if (GraphInputs.inPlace(training)) {
            // each of these B x heads x P x P arrays would be fresh memory (page faults) kept until the batch is done
            logits.addi(bias);
            if (padded) {
                logits.addi(inputs.get(2));
            }
        } else {
            logits = logits.add(bias);
            if (padded) {
                logits = logits.add(inputs.get(2));
            }
        }
        NDArray context = logits.softmax(-1).matMul(v).transpose(0, 2, 1, 3).reshape(b * p, h);
        flat = flat.add(dropout(out.forward(ps, new NDList(context), training).singletonOrThrow(), training));
        NDArray z = ffnNorm.forward(ps, new NDList(flat), training).singletonOrThrow();
        z = Activation.gelu(ffnIn.forward(ps, new NDList(z), training).singletonOrThrow());
        flat = flat.add(dropout(ffnOut.forward(ps, new NDList(z), training).singletonOrThrow(), training));
        return new NDList(flat.reshape(b, p, h));
    }

    /**
     * The spatial bias b_h(φ(i,j)), {@code [B, heads, P, P]}, from the {@code [maxPath+2(+1), heads]} table and the
     * {@code [B*P*P]} codes: a gather along the table's transposed rows (one contiguous P² block per head), so that
     * the bias is added to the logits block by block. Looking up rows of {@code heads} floats instead ({@link
     * GraphInputs#rows}) copies a few bytes per pair and gives a {@code [B, P, P, heads]} array whose transposed add reads
     * memory with a stride of {@code heads}: about twice the time. The result belongs to the codes' manager (the batch's).
     */
    static NDArray spatialBias(NDArray table, NDArray codes, long b, long p) {
        long heads = table.getShape().get(1);
        // a view of the parameter: the batch owns it (closing it leaves the parameter as it is)
        NDArray rows = table.transpose();
        rows.attach(codes.getManager());
        NDArray index = (codes.getDataType() == DataType.INT64 ? codes : codes.toType(DataType.INT64, false)).reshape(1, -1)
                .broadcast(new Shape(heads, codes.size()));
        return rows.gather(index, 1).reshape(heads, b, p, p).transpose(1, 0, 2, 3);
    }

    /** Dropout of a residual branch while training (none at rate 0 and in inference). */
    private NDArray dropout(NDArray a, boolean training) {
        return dropout > 0 && training ? Dropout.dropout(a, dropout, true).singletonOrThrow() : a;
    }

    private NDArray heads(NDArray a, long b, long p, long d) {
        return a.reshape(b, p, heads, d).transpose(0, 2, 1, 3);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long rows = inputShapes[0].get(0) * inputShapes[0].get(1);
        Shape flat = new Shape(rows, hiddenSize);
        attentionNorm.initialize(manager, dataType, flat);
        query.initialize(manager, dataType, flat);
        key.initialize(manager, dataType, flat);
        value.initialize(manager, dataType, flat);
        out.initialize(manager, dataType, flat);
        ffnNorm.initialize(manager, dataType, flat);
        ffnIn.initialize(manager, dataType, flat);
        ffnOut.initialize(manager, dataType, new Shape(rows, ffnIn.getOutputShapes(new Shape[] {flat})[0].get(1)));
    }

    /** Builds a {@link GraphAttentionLayer}. */
    public static final class Builder {
        private int hiddenSize = -1;
        private int heads = 4;
        private int ffnSize = -1;
        private int maxPath = 20;
        private float dropout;
        private boolean graphToken;

        Builder() {
        }

        /**
         * With a graph token (readout): one more learnable bias per head, index maxPath+2, for the distance between the
         * token and every atom (Graphormer's virtual distance). Default false.
         */
        public Builder optGraphToken(boolean value) {
            graphToken = value;
            return this;
        }

        /** Dropout rate of the attention and feed-forward branches while training (default 0). */
        public Builder optDropout(float value) {
            dropout = value;
            return this;
        }

        /** Model width H, required; divisible by the number of heads. */
        public Builder setHiddenSize(int value) {
            hiddenSize = value;
            return this;
        }

        /** Attention heads (default 4). */
        public Builder optHeads(int value) {
            heads = value;
            return this;
        }

        /** Feed-forward width (default 2H). */
        public Builder optFfnSize(int value) {
            ffnSize = value;
            return this;
        }

        /** Longest shortest path with its own bias (default 20). */
        public Builder optMaxPath(int value) {
            maxPath = value;
            return this;
        }

        public GraphAttentionLayer build() {
            if (hiddenSize < 1 || heads < 1 || hiddenSize % heads != 0) {
                throw new IllegalArgumentException("GraphAttentionLayer needs setHiddenSize(H > 0) divisible by the heads; got H "
                        + hiddenSize + ", " + heads + " heads");
            }
            if (maxPath < 1) {
                throw new IllegalArgumentException("maxPath must be at least 1, got " + maxPath);
            }
            if (!(dropout >= 0 && dropout < 1)) {
                throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
            }
            if (ffnSize < 1) {
                ffnSize = 2 * hiddenSize;
            }
            return new GraphAttentionLayer(this);
        }
    }
}
