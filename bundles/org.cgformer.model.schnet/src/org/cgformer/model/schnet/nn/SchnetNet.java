package org.cgformer.model.schnet.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.cgformer.model.djl.GraphInputs;
import org.cgformer.model.djl.VersionedBlock;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * SchNet (Schütt et al., J. Chem. Phys. 148, 241722, 2018) for crystal graphs: an element embedding (a
 * linear layer without bias over one-hot atomic numbers, so a mixed site gets the occupancy-weighted
 * mix of embeddings), {@code interactions} {@link SchnetInteraction}s, atom-wise Dense(H/2) → ssp →
 * Dense(1), and mean (intensive targets) or sum (extensive targets) pooling over the real atoms.
 *
 * <p>Reads the first five arrays of the shared graph inputs ({@code org.cgformer.model.djl.GraphInputs}):
 * {@code nodes [N, Z]}, {@code edges [N, M, K + 1]} whose first K columns are the radial basis
 * expansion of the edge length and whose last column is the cosine cutoff envelope (featurizer
 * {@code rbf}), {@code neighbours [N*M]}, {@code neighbourMask [N, M, 1]}, {@code pool [B, N]} (1/n_g per
 * node of graph g). Output {@code [B, 1]}.
 */
public final class SchnetNet extends VersionedBlock {

    private static final byte VERSION = 1;

    /** How atom-wise outputs become one value per crystal. */
    public enum Pooling {
        /** Mean over the real atoms, for per-atom (intensive) targets. */
        MEAN,
        /** Sum over the real atoms, for per-cell (extensive) targets. */
        SUM;

        /** {@code mean} or {@code sum}, any case. */
        public static Pooling of(String text) {
            for (Pooling p : values()) {
                if (p.name().equalsIgnoreCase(text)) {
                    return p;
                }
            }
            throw new IllegalArgumentException("pooling must be 'mean' or 'sum', got '" + text + "'");
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final int hiddenSize;
    private final Pooling pooling;
    private final Linear embedding;
    private final List<SchnetInteraction> interactions = new ArrayList<>();
    private final Linear atomHidden;
    private final Linear atomOutput;
    private final Linear graphOutput;

    SchnetNet(Builder builder) {
        super(VERSION);
        hiddenSize = builder.hiddenSize;
        pooling = builder.pooling;
        embedding = addChildBlock("embedding", Linear.builder().setUnits(hiddenSize).optBias(false).build());
        for (int i = 0; i < builder.interactions; i++) {
            interactions.add(addChildBlock("interaction_" + i,
                    SchnetInteraction.builder().setHiddenSize(hiddenSize).setFilterSize(builder.filterSize).build()));
        }
        atomHidden = addChildBlock("atom_hidden", Linear.builder().setUnits(Math.max(1, hiddenSize / 2)).build());
        atomOutput = addChildBlock("atom_output", Linear.builder().setUnits(1).build());
        // SchNet sums atom-wise outputs and has no pooled vector to join them to: graph-level columns add a linear term
        graphOutput = builder.graphFeatures ? addChildBlock("graph_output", Linear.builder().setUnits(1).build()) : null;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        if (inputs.size() < 5) {
            throw new IllegalArgumentException("expected [nodes, edges, neighbours, neighbourMask, pool], got " + inputs.size() + " arrays");
        }
        NDArray edges = inputs.get(1);
        long k = edges.getShape().get(2) - 1;
        if (k < 1) {
            throw new IllegalArgumentException("SchNet needs edge features of a radial basis plus a cutoff envelope column, got "
                    + edges.getShape().get(2) + " column(s)");
        }
        NDArray rbf = edges.get(new NDIndex(":, :, :{}", k));
        NDArray envelope = edges.get(new NDIndex(":, :, {}:", k));
        NDArray nodes = forwardChild(embedding, ps, new NDList(inputs.get(0)), training).singletonOrThrow();
        for (SchnetInteraction interaction : interactions) {
            nodes = forwardChild(interaction, ps, new NDList(nodes, rbf, envelope, inputs.get(2), inputs.get(3)), training).singletonOrThrow();
        }
        NDArray atomwise = SchnetInteraction.shiftedSoftplus(forwardChild(atomHidden, ps, new NDList(nodes), training).singletonOrThrow());
        atomwise = forwardChild(atomOutput, ps, new NDList(atomwise), training).singletonOrThrow();
        NDArray pool = inputs.get(4);
        if (pooling == Pooling.SUM) {
            pool = pool.gt(0).toType(DataType.FLOAT32, false);
        }
        NDArray crystal = pool.matMul(atomwise);
        NDArray graph = GraphInputs.graphFeatures(inputs, GraphInputs.BASIC, graphOutput != null);
        if (graph != null) {
            crystal = crystal.add(forwardChild(graphOutput, ps, new NDList(graph), training).singletonOrThrow());
        }
        return new NDList(crystal);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[4].get(0), 1)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long n = inputShapes[0].get(0);
        long m = inputShapes[1].get(1);
        long k = inputShapes[1].get(2) - 1;
        embedding.initialize(manager, dataType, inputShapes[0]);
        Shape nodes = new Shape(n, hiddenSize);
        for (SchnetInteraction interaction : interactions) {
            interaction.initialize(manager, dataType, nodes, new Shape(n, m, k), new Shape(n, m, 1), inputShapes[2], inputShapes[3]);
        }
        atomHidden.initialize(manager, dataType, nodes);
        atomOutput.initialize(manager, dataType, new Shape(n, Math.max(1, hiddenSize / 2)));
        if (graphOutput != null) {
            graphOutput.initialize(manager, dataType, inputShapes[GraphInputs.BASIC]);
        }
    }

    /** Builds a {@link SchnetNet}. */
    public static final class Builder {
        private int hiddenSize = 64;
        private int filterSize = 64;
        private int interactions = 3;
        private Pooling pooling = Pooling.MEAN;
        private boolean graphFeatures;

        Builder() {
        }

        /** Add a linear term of the featurizer's graph-level columns to the output (default: false). */
        public Builder optGraphFeatures(boolean value) {
            graphFeatures = value;
            return this;
        }

        /** Atom feature size H (SchNet: 64, the default). */
        public Builder optHiddenSize(int value) {
            hiddenSize = value;
            return this;
        }

        /** Filter size F of the continuous-filter convolutions (SchNet: 64, the default). */
        public Builder optFilterSize(int value) {
            filterSize = value;
            return this;
        }

        /** Number of interaction blocks (default 3). */
        public Builder optInteractions(int value) {
            interactions = value;
            return this;
        }

        /** Pooling of the atom-wise outputs (default mean). */
        public Builder optPooling(Pooling value) {
            pooling = value;
            return this;
        }

        public SchnetNet build() {
            if (hiddenSize < 1 || filterSize < 1 || interactions < 0 || pooling == null) {
                throw new IllegalArgumentException("SchnetNet needs hidden size > 0, filter size > 0, interactions >= 0 and a pooling; got "
                        + hiddenSize + ", " + filterSize + ", " + interactions + ", " + pooling);
            }
            return new SchnetNet(this);
        }
    }
}
