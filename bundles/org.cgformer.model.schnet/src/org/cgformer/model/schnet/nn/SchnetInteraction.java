package org.cgformer.model.schnet.nn;

import org.cgformer.model.djl.VersionedBlock;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One SchNet interaction block (Schütt et al., J. Chem. Phys. 148, 241722, 2018, Fig. 2) with its
 * continuous-filter convolution: x = W_in h (atom-wise, no bias); the filter of each edge is
 * W(d_ij) = Dense(ssp(Dense(rbf(d_ij)))) times the cosine cutoff envelope of d_ij; the convolution is
 * c_i = Σ_j x_j ⊙ W(d_ij) over the real neighbour slots; then v = Dense(ssp(Dense(c))) and h ← h + v.
 * ssp is the shifted softplus ln(½ eˣ + ½).
 *
 * <p>Inputs: {@code nodes [N, H]}, {@code rbf [N, M, K]}, {@code envelope [N, M, 1]}, {@code neighbours [N*M]}
 * int64, {@code neighbourMask [N, M, 1]}. Output: {@code nodes [N, H]}.
 */
public final class SchnetInteraction extends VersionedBlock {

    private static final byte VERSION = 1;
    private static final float LN2 = (float) Math.log(2);

    private final int hiddenSize;
    private final int filterSize;
    private final Linear atomIn;
    private final Linear filterHidden;
    private final Linear filterOut;
    private final Linear atomOut;
    private final Linear dense;

    SchnetInteraction(Builder builder) {
        super(VERSION);
        hiddenSize = builder.hiddenSize;
        filterSize = builder.filterSize;
        atomIn = addChildBlock("atom_in", Linear.builder().setUnits(filterSize).optBias(false).build());
        filterHidden = addChildBlock("filter_hidden", Linear.builder().setUnits(filterSize).build());
        filterOut = addChildBlock("filter_out", Linear.builder().setUnits(filterSize).build());
        atomOut = addChildBlock("atom_out", Linear.builder().setUnits(hiddenSize).build());
        dense = addChildBlock("dense", Linear.builder().setUnits(hiddenSize).build());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Shifted softplus ln(½ eˣ + ½) = softplus(x) − ln 2: zero at zero, as SchNet. */
    static NDArray shiftedSoftplus(NDArray x) {
        return Activation.softPlus(x).sub(LN2);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        if (inputs.size() != 5) {
            throw new IllegalArgumentException("expected [nodes, rbf, envelope, neighbours, neighbourMask], got " + inputs.size() + " arrays");
        }
        NDArray nodes = inputs.get(0);
        NDArray rbf = inputs.get(1);
        NDArray envelope = inputs.get(2);
        NDArray neighbours = inputs.get(3);
        NDArray mask = inputs.get(4);
        long n = nodes.getShape().get(0);
        long m = rbf.getShape().get(1);
        NDArray x = atomIn.forward(ps, new NDList(nodes), training).singletonOrThrow();
        NDArray filter = shiftedSoftplus(filterHidden.forward(ps, new NDList(rbf), training).singletonOrThrow());
        filter = filterOut.forward(ps, new NDList(filter), training).singletonOrThrow().mul(envelope).mul(mask);
        NDArray neighbourX = x.get(new NDIndex("{}", neighbours)).reshape(n, m, filterSize);
        NDArray convolved = neighbourX.mul(filter).sum(new int[] {1});
        NDArray v = shiftedSoftplus(atomOut.forward(ps, new NDList(convolved), training).singletonOrThrow());
        v = dense.forward(ps, new NDList(v), training).singletonOrThrow();
        return new NDList(nodes.add(v));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long n = inputShapes[0].get(0);
        long m = inputShapes[1].get(1);
        atomIn.initialize(manager, dataType, new Shape(n, hiddenSize));
        filterHidden.initialize(manager, dataType, inputShapes[1]);
        filterOut.initialize(manager, dataType, new Shape(n, m, filterSize));
        atomOut.initialize(manager, dataType, new Shape(n, filterSize));
        dense.initialize(manager, dataType, new Shape(n, hiddenSize));
    }

    /** Builds a {@link SchnetInteraction}. */
    public static final class Builder {
        private int hiddenSize = -1;
        private int filterSize = -1;

        Builder() {
        }

        /** Atom feature size H (input and output), required. */
        public Builder setHiddenSize(int value) {
            hiddenSize = value;
            return this;
        }

        /** Filter size F of the continuous-filter convolution, required. */
        public Builder setFilterSize(int value) {
            filterSize = value;
            return this;
        }

        public SchnetInteraction build() {
            if (hiddenSize < 1 || filterSize < 1) {
                throw new IllegalArgumentException("SchnetInteraction needs setHiddenSize(H > 0) and setFilterSize(F > 0), got "
                        + hiddenSize + " and " + filterSize);
            }
            return new SchnetInteraction(this);
        }
    }
}
