package org.cgformer.model.djl;

import java.util.function.BiConsumer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;

/**
 * The output head that CGCNN's and CGformer's networks share: a hidden linear layer with softplus and a linear output,
 * from one pooled vector per crystal {@code [B, H]} to {@code [B, 1]}. Like {@link CgcnnConvolutions} it registers its
 * layers as the network's own children, {@code hidden} and {@code output} (the {@link DjlPropertyModel#HEAD} group).
 */
public final class SoftplusHead {

    private final int hiddenSize;
    private final int headSize;
    private final Linear hidden;
    private final Linear output;

    /**
     * @param hiddenSize the size H of the pooled vector
     * @param headSize the size of the hidden layer
     * @param register the network's {@code addChildBlock}, which gives each layer its name and position
     */
    public SoftplusHead(int hiddenSize, int headSize, BiConsumer<String, Block> register) {
        this.hiddenSize = hiddenSize;
        this.headSize = headSize;
        hidden = Linear.builder().setUnits(headSize).build();
        register.accept("hidden", hidden);
        output = Linear.builder().setUnits(1).build();
        register.accept("output", output);
    }

    /** {@code [B, 1]} from the pooled crystals {@code [B, H]}. */
    public NDList forward(ParameterStore ps, NDArray crystals, boolean training) {
        return forward(ps, crystals, null, training);
    }

    /**
     * {@code [B, 1]} from the pooled crystals {@code [B, H]} joined with their graph-level features {@code [B, G]} (null:
     * none), the way the article's CGformer reads lattice-level descriptors next to the atoms.
     */
    public NDList forward(ParameterStore ps, NDArray crystals, NDArray graphFeatures, boolean training) {
        NDArray joined = graphFeatures == null ? crystals : crystals.concat(graphFeatures, 1);
        NDArray h = Activation.softPlus(VersionedBlock.forwardChild(hidden, ps, new NDList(joined), training).singletonOrThrow());
        return VersionedBlock.forwardChild(output, ps, new NDList(h), training);
    }

    /** Initialises the layers for {@code crystals} pooled vectors per batch. */
    public void initialize(NDManager manager, DataType dataType, long crystals) {
        initialize(manager, dataType, crystals, 0);
    }

    /** Initialises the layers for {@code crystals} pooled vectors per batch, each joined with {@code graphFeatures} columns. */
    public void initialize(NDManager manager, DataType dataType, long crystals, long graphFeatures) {
        hidden.initialize(manager, dataType, new Shape(crystals, hiddenSize + graphFeatures));
        output.initialize(manager, dataType, new Shape(crystals, headSize));
    }
}
