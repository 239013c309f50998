package org.cgformer.model.djl;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;

/**
 * The front end that CGCNN's and CGformer's networks share: a linear embedding of the node features to H and
 * {@code convLayers} {@link CgcnnConv}s. It is not a block of its own: the network registers its layers as its own
 * children {@code embedding}, {@code conv_0}, {@code conv_1}, ... (in this order, where the network's constructor
 * creates it), so the parameter names and order of the model files stay those of a network that declares them itself.
 */
public final class CgcnnConvolutions {

    private final int hiddenSize;
    private final Linear embedding;
    private final List<CgcnnConv> convs = new ArrayList<>();

    /**
     * @param register the network's {@code addChildBlock}, which gives each layer its name and position
     */
    public CgcnnConvolutions(int hiddenSize, int convLayers, BiConsumer<String, Block> register) {
        this.hiddenSize = hiddenSize;
        embedding = Linear.builder().setUnits(hiddenSize).build();
        register.accept("embedding", embedding);
        for (int i = 0; i < convLayers; i++) {
            CgcnnConv conv = CgcnnConv.builder().setHiddenSize(hiddenSize).build();
            register.accept("conv_" + i, conv);
            convs.add(conv);
        }
    }

    /** Node states {@code [N, H]} from the first four arrays of {@link GraphInputs} (nodes, edges, neighbours, mask). */
    public NDArray forward(ParameterStore ps, NDList inputs, boolean training) {
        NDArray nodes = VersionedBlock.forwardChild(embedding, ps, new NDList(inputs.get(0)), training).singletonOrThrow();
        for (CgcnnConv conv : convs) {
            nodes = VersionedBlock.forwardChild(conv, ps, new NDList(nodes, inputs.get(1), inputs.get(2), inputs.get(3)), training)
                    .singletonOrThrow();
        }
        return nodes;
    }

    /** Initialises the layers for the shapes of the first four arrays of {@link GraphInputs}. */
    public void initialize(NDManager manager, DataType dataType, Shape... inputShapes) {
        embedding.initialize(manager, dataType, inputShapes[0]);
        Shape nodes = new Shape(inputShapes[0].get(0), hiddenSize);
        for (CgcnnConv conv : convs) {
            conv.initialize(manager, dataType, nodes, inputShapes[1], inputShapes[2], inputShapes[3]);
        }
    }
}
