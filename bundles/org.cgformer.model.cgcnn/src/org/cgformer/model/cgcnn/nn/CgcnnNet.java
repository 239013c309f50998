package org.cgformer.model.cgcnn.nn;

import java.util.ArrayList;
import java.util.List;

import org.cgformer.model.djl.CgcnnConv;
import org.cgformer.model.djl.GraphInputs;
import org.cgformer.model.djl.VersionedBlock;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * CGCNN (Xie &amp; Grossman, PRL 120, 145301, 2018): a linear embedding of the node features to H,
 * {@code convLayers} {@link CgcnnConv}s, mean pooling over the real nodes of each crystal, softplus,
 * a hidden layer with softplus, and a linear output. Reads the first five arrays of {@link GraphInputs};
 * outputs {@code [B, 1]}.
 */
public final class CgcnnNet extends VersionedBlock {

    private static final byte VERSION = 1;

    private final Linear embedding;
    private final List<CgcnnConv> convs = new ArrayList<>();
    private final Linear hidden;
    private final Linear output;
    private final int hiddenSize;
    private final int headSize;

    CgcnnNet(Builder builder) {
        super(VERSION);
        hiddenSize = builder.hiddenSize;
        headSize = builder.headSize;
        embedding = addChildBlock("embedding", Linear.builder().setUnits(hiddenSize).build());
        for (int i = 0; i < builder.convLayers; i++) {
            convs.add(addChildBlock("conv_" + i, CgcnnConv.builder().setHiddenSize(hiddenSize).build()));
        }
        hidden = addChildBlock("hidden", Linear.builder().setUnits(headSize).build());
        output = addChildBlock("output", Linear.builder().setUnits(1).build());
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        if (inputs.size() < GraphInputs.BASIC) {
            throw new IllegalArgumentException("expected [nodes, edges, neighbours, neighbourMask, pool], got " + inputs.size() + " arrays");
        }
        NDArray nodes = forwardChild(embedding, ps, new NDList(inputs.get(0)), training).singletonOrThrow();
        for (CgcnnConv conv : convs) {
            nodes = forwardChild(conv, ps, new NDList(nodes, inputs.get(1), inputs.get(2), inputs.get(3)), training).singletonOrThrow();
        }
        NDArray crystal = Activation.softPlus(inputs.get(4).matMul(nodes));
        crystal = Activation.softPlus(forwardChild(hidden, ps, new NDList(crystal), training).singletonOrThrow());
        return forwardChild(output, ps, new NDList(crystal), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[4].get(0), 1)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long n = inputShapes[0].get(0);
        long b = inputShapes[4].get(0);
        embedding.initialize(manager, dataType, inputShapes[0]);
        Shape nodes = new Shape(n, hiddenSize);
        for (CgcnnConv conv : convs) {
            conv.initialize(manager, dataType, nodes, inputShapes[1], inputShapes[2], inputShapes[3]);
        }
        hidden.initialize(manager, dataType, new Shape(b, hiddenSize));
        output.initialize(manager, dataType, new Shape(b, headSize));
    }

    /** Builds a {@link CgcnnNet}; defaults are CGCNN's published ones. */
    public static final class Builder {
        private int hiddenSize = 64;
        private int convLayers = 3;
        private int headSize = 128;

        Builder() {
        }

        /** Atom feature size after the embedding (CGCNN atom-fea-len, default 64). */
        public Builder optHiddenSize(int value) {
            hiddenSize = value;
            return this;
        }

        /** Number of convolutions (CGCNN n-conv, default 3). */
        public Builder optConvLayers(int value) {
            convLayers = value;
            return this;
        }

        /** Size of the hidden layer after pooling (CGCNN h-fea-len, default 128). */
        public Builder optHeadSize(int value) {
            headSize = value;
            return this;
        }

        public CgcnnNet build() {
            if (hiddenSize < 1 || convLayers < 0 || headSize < 1) {
                throw new IllegalArgumentException("CgcnnNet needs hidden size > 0, conv layers >= 0 and head size > 0; got "
                        + hiddenSize + ", " + convLayers + ", " + headSize);
            }
            return new CgcnnNet(this);
        }
    }
}
