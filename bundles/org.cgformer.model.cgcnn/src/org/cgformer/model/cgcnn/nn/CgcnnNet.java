package org.cgformer.model.cgcnn.nn;

import org.cgformer.model.djl.CgcnnConv;
import org.cgformer.model.djl.CgcnnConvolutions;
import org.cgformer.model.djl.GraphInputs;
import org.cgformer.model.djl.SoftplusHead;
import org.cgformer.model.djl.VersionedBlock;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * CGCNN (Xie &amp; Grossman, PRL 120, 145301, 2018): a linear embedding of the node features to H,
 * {@code convLayers} {@link CgcnnConv}s, mean pooling over the real nodes of each crystal, softplus,
 * a hidden layer with softplus, and a linear output. Reads the first five arrays of {@link GraphInputs}, and with
 * graph features the featurizer's graph-level columns after them, joined to the pooled vector; outputs {@code [B, 1]}.
 */
public final class CgcnnNet extends VersionedBlock {

    private static final byte VERSION = 1;

    private final CgcnnConvolutions convolutions;
    private final SoftplusHead head;
    private final boolean graphFeatures;

    CgcnnNet(Builder builder) {
        super(VERSION);
        graphFeatures = builder.graphFeatures;
        convolutions = new CgcnnConvolutions(builder.hiddenSize, builder.convLayers, this::addChildBlock);
        head = new SoftplusHead(builder.hiddenSize, builder.headSize, this::addChildBlock);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        if (inputs.size() < GraphInputs.BASIC) {
            throw new IllegalArgumentException("expected [nodes, edges, neighbours, neighbourMask, pool], got " + inputs.size() + " arrays");
        }
        NDArray nodes = convolutions.forward(ps, inputs, training);
        NDArray crystal = Activation.softPlus(inputs.get(4).matMul(nodes));
        return head.forward(ps, crystal, GraphInputs.graphFeatures(inputs, GraphInputs.BASIC, graphFeatures), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[4].get(0), 1)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        convolutions.initialize(manager, dataType, inputShapes);
        head.initialize(manager, dataType, inputShapes[4].get(0), GraphInputs.graphFeatureWidth(inputShapes, GraphInputs.BASIC, graphFeatures));
    }

    /** Builds a {@link CgcnnNet}; defaults are CGCNN's published ones. */
    public static final class Builder {
        private int hiddenSize = 64;
        private int convLayers = 3;
        private int headSize = 128;
        private boolean graphFeatures;

        Builder() {
        }

        /** Join the featurizer's graph-level columns to the pooled vector before the head (default: false). */
        public Builder optGraphFeatures(boolean value) {
            graphFeatures = value;
            return this;
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
