package org.cgformer.model.cgformer.nn;

import java.util.ArrayList;
import java.util.List;

import org.cgformer.model.djl.CgcnnConvolutions;
import org.cgformer.model.djl.GraphInputs;
import org.cgformer.model.djl.SoftplusHead;
import org.cgformer.model.djl.VersionedBlock;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * CGformer: node embedding → {@code convLayers} CGCNN convolutions (local chemistry) → centrality encoding
 * (learnable in- and out-degree embeddings added) → {@code attentionLayers} {@link GraphAttentionLayer}s
 * over all atoms of each crystal with a shortest-path spatial bias → final layer norm → mean pooling over
 * the real atoms, or the state of a learnable graph token that attends to all atoms → MLP head (softplus). Reads all arrays of {@link GraphInputs} (with attention); outputs
 * {@code [B, 1]}.
 */
public final class CgformerNet extends VersionedBlock {

    private static final byte VERSION = 1;

    private final int hiddenSize;
    private final int maxDegree;
    private final CgcnnConvolutions convolutions;
    private final Parameter inDegree;
    private final Parameter outDegree;
    private final Parameter graphToken;
    private final int maxPath;
    private final List<GraphAttentionLayer> layers = new ArrayList<>();
    private final LayerNorm finalNorm;
    private final SoftplusHead head;
    private final boolean graphFeatures;

    CgformerNet(Builder b) {
        super(VERSION);
        graphFeatures = b.graphFeatures;
        hiddenSize = b.hiddenSize;
        maxDegree = b.maxDegree;
        maxPath = b.maxPath;
        convolutions = new CgcnnConvolutions(hiddenSize, b.convLayers, this::addChildBlock);
        inDegree = addParameter(Parameter.builder().setName("in_degree").setType(Parameter.Type.WEIGHT).build());
        outDegree = addParameter(Parameter.builder().setName("out_degree").setType(Parameter.Type.WEIGHT).build());
        graphToken = b.tokenReadout ? addParameter(Parameter.builder().setName("graph_token").setType(Parameter.Type.WEIGHT).build()) : null;
        for (int i = 0; i < b.attentionLayers; i++) {
            layers.add(addChildBlock("attention_" + i, GraphAttentionLayer.builder().setHiddenSize(hiddenSize).optHeads(b.heads)
                    .optFfnSize(b.ffnSize).optMaxPath(b.maxPath).optDropout(b.dropout).optGraphToken(b.tokenReadout).build()));
        }
        finalNorm = addChildBlock("final_norm", LayerNorm.builder().axis(1).build());
        head = new SoftplusHead(hiddenSize, b.headSize, this::addChildBlock);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        // loaded parameters keep their arrays (fine-tuning re-initialises only some blocks)
        if (!inDegree.isInitialized()) {
            inDegree.setShape(new Shape(maxDegree + 1L, hiddenSize));
        }
        if (!outDegree.isInitialized()) {
            outDegree.setShape(new Shape(maxDegree + 1L, hiddenSize));
        }
        if (graphToken != null && !graphToken.isInitialized()) {
            graphToken.setShape(new Shape(1, hiddenSize));
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training, PairList<String, Object> params) {
        if (in.size() != GraphInputs.WITH_ATTENTION && in.size() != GraphInputs.WITH_ATTENTION + 1) {
            throw new IllegalArgumentException("expected the " + GraphInputs.WITH_ATTENTION + " arrays of GraphInputs with attention "
                    + "(and the graph features), got " + in.size());
        }
        NDArray nodes = convolutions.forward(ps, in, training);
        NDArray inTable = ps.getValue(inDegree, nodes.getDevice(), training);
        NDArray outTable = ps.getValue(outDegree, nodes.getDevice(), training);
        // results of operations on parameters belong to the parameters' (the model's) manager unless told otherwise:
        // GraphInputs.rows gathers into the batch's manager, or every forward pass would leave its arrays there until the
        // model is closed
        NDManager batch = nodes.getManager();
        nodes = nodes.add(GraphInputs.rows(inTable, in.get(5))).add(GraphInputs.rows(outTable, in.get(6)));
        long b = in.get(4).getShape().get(0);
        long p = in.get(8).getShape().get(3);
        NDArray x = GraphInputs.rows(nodes, in.get(9)).reshape(b, p, hiddenSize);
        // int64 once for all layers (the gather of their spatial bias needs it; GraphInputs makes int32, half the copying)
        NDArray spatial = in.get(7).toType(DataType.INT64, false);
        NDArray keyMask = in.get(8);
        if (graphToken != null) {
            // the token first in every crystal: it attends to all atoms and they to it, at the virtual distance maxPath+2
            NDArray token = ps.getValue(graphToken, nodes.getDevice(), training).reshape(1, 1, hiddenSize);
            token.attach(batch); // a view of the parameter: the batch owns it and all that follows from it
            x = token.repeat(0, b).concat(x, 1);
            long virtual = maxPath + 2L;
            NDArray grid = spatial.reshape(b, p, p);
            grid = grid.getManager().full(new Shape(b, p, 1), virtual, grid.getDataType()).concat(grid, 2);
            grid = grid.getManager().full(new Shape(b, 1, p + 1), virtual, grid.getDataType()).concat(grid, 1);
            spatial = grid.reshape(-1);
            keyMask = keyMask.getManager().zeros(new Shape(b, 1, 1, 1), keyMask.getDataType()).concat(keyMask, 3);
        }
        for (GraphAttentionLayer layer : layers) {
            x = forwardChild(layer, ps, new NDList(x, spatial, keyMask), training).singletonOrThrow();
        }
        NDArray crystal;
        if (graphToken != null) {
            crystal = forwardChild(finalNorm, ps, new NDList(x.get(":, 0, :")), training).singletonOrThrow();
        } else {
            NDArray flat = forwardChild(finalNorm, ps, new NDList(x.reshape(b * p, hiddenSize)), training).singletonOrThrow();
            NDArray packed = GraphInputs.rows(flat, in.get(10));
            crystal = in.get(4).matMul(packed);
        }
        return head.forward(ps, crystal, GraphInputs.graphFeatures(in, GraphInputs.WITH_ATTENTION, graphFeatures), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[4].get(0), 1)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... s) {
        long b = s[4].get(0);
        long p = s[8].get(3);
        convolutions.initialize(manager, dataType, s);
        long t = graphToken != null ? p + 1 : p;
        for (GraphAttentionLayer layer : layers) {
            layer.initialize(manager, dataType, new Shape(b, t, hiddenSize), new Shape(b * t * t), new Shape(b, 1, 1, t));
        }
        finalNorm.initialize(manager, dataType, new Shape(graphToken != null ? b : b * p, hiddenSize));
        head.initialize(manager, dataType, b, GraphInputs.graphFeatureWidth(s, GraphInputs.WITH_ATTENTION, graphFeatures));
    }

    /** Builds a {@link CgformerNet}; see {@code CgformerModel} for the defaults. */
    public static final class Builder {
        private int hiddenSize = 64;
        private int convLayers = 2;
        private int attentionLayers = 2;
        private int heads = 4;
        private int ffnSize = 128;
        private int headSize = 128;
        private int maxDegree = 24;
        private int maxPath = 20;
        private float dropout;
        private boolean tokenReadout;
        private boolean graphFeatures;

        /** Join the featurizer's graph-level columns to the pooled vector before the head (default: false). */
        public Builder optGraphFeatures(boolean value) {
            graphFeatures = value;
            return this;
        }

        Builder() {
        }

        /** Readout from a learnable graph token that attends to all atoms (true) instead of mean pooling (default false). */
        public Builder optTokenReadout(boolean value) {
            tokenReadout = value;
            return this;
        }

        /** Dropout rate in the attention layers while training (default 0). */
        public Builder optDropout(float value) {
            dropout = value;
            return this;
        }

        public Builder optHiddenSize(int value) {
            hiddenSize = value;
            return this;
        }

        public Builder optConvLayers(int value) {
            convLayers = value;
            return this;
        }

        public Builder optAttentionLayers(int value) {
            attentionLayers = value;
            return this;
        }

        public Builder optHeads(int value) {
            heads = value;
            return this;
        }

        public Builder optFfnSize(int value) {
            ffnSize = value;
            return this;
        }

        public Builder optHeadSize(int value) {
            headSize = value;
            return this;
        }

        /** Degrees above this share the last centrality embedding. */
        public Builder optMaxDegree(int value) {
            maxDegree = value;
            return this;
        }

        /** Shortest paths above this share the last spatial bias. */
        public Builder optMaxPath(int value) {
            maxPath = value;
            return this;
        }

        public CgformerNet build() {
            if (hiddenSize < 1 || convLayers < 0 || attentionLayers < 0 || headSize < 1 || maxDegree < 1 || maxPath < 1) {
                throw new IllegalArgumentException("CgformerNet: invalid sizes H " + hiddenSize + ", conv " + convLayers + ", attention "
                        + attentionLayers + ", head " + headSize + ", max degree " + maxDegree + ", max path " + maxPath);
            }
            if (hiddenSize % heads != 0) {
                throw new IllegalArgumentException("CgformerNet: hidden size " + hiddenSize + " is not divisible by " + heads + " heads");
            }
            return new CgformerNet(this);
        }
    }
}
