package org.cgformer.model.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * CGCNN's gated graph convolution (Xie &amp; Grossman 2018, eq. 5): for each node i and neighbour slot
 * j, z = concat(v_i, v_j, e_ij); v_i ← softplus(v_i + BN(Σ_j σ(BN(z W_f)) ⊙ softplus(BN(z W_s)))), the sum
 * over the real neighbour slots only (fixed M slots with a mask).
 *
 * <p>Inputs: {@code nodes [N, H]}, {@code edges [N, M, E]}, {@code neighbours [N*M]} int64,
 * {@code neighbourMask [N, M, 1]}. Output: {@code nodes [N, H]}.
 */
public final class CgcnnConv extends VersionedBlock {

    private static final byte VERSION = 1;

    /**
     * Epsilon of both batch norms: DJL's default, stated here because inference folds the gate norm into the linear layer
     * ({@link #gateInput}) and must use the same value. DJL does not save it with the parameters.
     */
    private static final float EPSILON = 1e-5f;

    /** Floor of the core half's inputs before its softplus ({@link #core}). */
    private static final float CORE_FLOOR = -40f;

    private final int hiddenSize;
    private final Linear full;
    private final BatchNorm gateNorm;
    private final BatchNorm sumNorm;

    CgcnnConv(Builder builder) {
        super(VERSION);
        hiddenSize = builder.hiddenSize;
        full = addChildBlock("full", Linear.builder().setUnits(2L * hiddenSize).build());
        gateNorm = addChildBlock("gate_norm", BatchNorm.builder().optEpsilon(EPSILON).build());
        sumNorm = addChildBlock("sum_norm", BatchNorm.builder().optEpsilon(EPSILON).build());
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        if (inputs.size() < 4) {
            throw new IllegalArgumentException("expected [nodes, edges, neighbours, neighbourMask], got " + inputs.size() + " arrays");
        }
        NDArray nodes = inputs.get(0);
        NDArray edges = inputs.get(1);
        NDArray neighbours = inputs.get(2);
        NDArray mask = inputs.get(3);
        long n = nodes.getShape().get(0);
        long m = edges.getShape().get(1);
        long h = hiddenSize;
        NDArray gated = gateInput(ps, nodes, edges, neighbours, training);
        if (training) {
            // batch statistics: the norm cannot be folded into the linear layer (inference does, in gateInput)
            gated = gateNorm.forward(ps, new NDList(gated.reshape(n * m, 2 * h)), training).singletonOrThrow().reshape(n, m, 2 * h);
        }
        NDList parts = gated.split(2, 2);
        NDArray gate = Activation.sigmoid(parts.get(0));
        NDArray message;
        if (GraphInputs.inPlace(training)) {
            // N x M x 2H arrays are the largest of the convolution; fresh ones cost page faults
            message = gate.muli(core(parts.get(1))).muli(mask);
        } else {
            message = gate.mul(core(parts.get(1))).mul(mask);
        }
        NDArray summed = sumNorm.forward(ps, new NDList(message.sum(new int[] {1})), training).singletonOrThrow();
        return new NDList(Activation.softPlus(nodes.add(summed)));
    }

    /**
     * z W + b of the {@code full} layer for every node and neighbour slot, {@code [N, M, 2H]}, without building z =
     * concat(v_i, v_j, e_ij): W splits by columns into the parts that multiply v_i, v_j and e_ij, so z W = v_i W_i +
     * (V W_j)[j] + e_ij W_e. The node parts are computed once per node (N rows, not N·M) and the neighbour part is
     * gathered; only e_ij W_e runs over all N·M slots (E columns instead of 2H + E). Same parameters, same values up to
     * float rounding.
     *
     * <p>In inference the gate norm follows: BN(x) = (x − mean) s + β with s = γ / √(var + ε) from its running
     * statistics, an affine map per column, so it is folded into W and b (rows of W scaled by s, b' = (b − mean) s + β)
     * and the result is already normalised: no pass over the N·M·2H array for the norm (a tenth of the convolution's
     * time), and the scaled slices of W are contiguous, which the matrix product over the N·M slots runs faster on than
     * on strided column slices. Same values up to float rounding.
     */
    private NDArray gateInput(ParameterStore ps, NDArray nodes, NDArray edges, NDArray neighbours, boolean training) {
        long n = nodes.getShape().get(0);
        long m = edges.getShape().get(1);
        long h = hiddenSize;
        // slices of the parameters go to the batch's manager: the parameters' (the model's) would keep them
        NDManager batch = nodes.getManager();
        NDArray weight = ps.getValue(full.getParameters().get("weight"), nodes.getDevice(), training);
        NDArray bias = ps.getValue(full.getParameters().get("bias"), nodes.getDevice(), training);
        NDArray selfWeight = weight.get(batch, new NDIndex(":, 0:{}", h));
        NDArray neighbourWeight = weight.get(batch, new NDIndex(":, {}:{}", h, 2 * h));
        NDArray edgeWeight = weight.get(batch, new NDIndex(":, {}:", 2 * h));
        if (!training) {
            var norm = gateNorm.getParameters();
            NDArray gamma = inBatch(ps.getValue(norm.get("gamma"), nodes.getDevice(), false), batch);
            NDArray beta = inBatch(ps.getValue(norm.get("beta"), nodes.getDevice(), false), batch);
            NDArray mean = inBatch(ps.getValue(norm.get("runningMean"), nodes.getDevice(), false), batch);
            NDArray variance = inBatch(ps.getValue(norm.get("runningVar"), nodes.getDevice(), false), batch);
            NDArray scale = gamma.div(variance.add(EPSILON).sqrt());
            NDArray column = scale.expandDims(1);
            selfWeight = selfWeight.mul(column);
            neighbourWeight = neighbourWeight.mul(column);
            edgeWeight = edgeWeight.mul(column);
            bias = inBatch(bias, batch).sub(mean).mul(scale).add(beta);
        }
        NDArray self = Linear.linear(nodes, selfWeight, bias).singletonOrThrow().expandDims(1);
        NDArray neighbour = GraphInputs.rows(Linear.linear(nodes, neighbourWeight).singletonOrThrow(), neighbours).reshape(n, m, 2 * h);
        NDArray gated = Linear.linear(edges, edgeWeight).singletonOrThrow();
        return GraphInputs.inPlace(training) ? gated.addi(neighbour).addi(self) : gated.add(neighbour).add(self);
    }

    /**
     * softplus of the core half, its inputs first raised to at least {@value #CORE_FLOOR}. libtorch computes softplus as
     * log1p(exp(x)); below about -43 its vectorised log1p squares exp(x) into subnormal floats, which the CPU computes
     * through slow microcode assists: a fine-tuned model whose pre-activations sit there ran its softplus five times
     * slower than on inputs near 0. softplus(-40) is 4.2e-18, so the floor changes a message by less than that, far below
     * float precision of the sums it goes into; its gradient below the floor (under 4.3e-18) becomes 0.
     */
    private static NDArray core(NDArray x) {
        return Activation.softPlus(x.clip(CORE_FLOOR, Float.MAX_VALUE));
    }

    /** A parameter as an array of the batch's manager: results of operations on it belong to that manager, too. */
    private static NDArray inBatch(NDArray parameter, NDManager batch) {
        return parameter.get(batch, new NDIndex(":"));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long n = inputShapes[0].get(0);
        long m = inputShapes[1].get(1);
        long e = inputShapes[1].get(2);
        full.initialize(manager, dataType, new Shape(n, m, 2L * hiddenSize + e));
        gateNorm.initialize(manager, dataType, new Shape(n * m, 2L * hiddenSize));
        sumNorm.initialize(manager, dataType, new Shape(n, hiddenSize));
    }

    /** Builds a {@link CgcnnConv}. */
    public static final class Builder {
        private int hiddenSize = -1;

        Builder() {
        }

        /** Atom feature size H (input and output), required. */
        public Builder setHiddenSize(int value) {
            hiddenSize = value;
            return this;
        }

        public CgcnnConv build() {
            if (hiddenSize < 1) {
                throw new IllegalArgumentException("CgcnnConv needs setHiddenSize(H > 0), got " + hiddenSize);
            }
            return new CgcnnConv(this);
        }
    }
}
