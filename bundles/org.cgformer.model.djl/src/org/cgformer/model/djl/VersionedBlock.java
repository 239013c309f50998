package org.cgformer.model.djl;

import java.io.DataInputStream;
import java.io.IOException;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDList;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;

/**
 * The parameter encoding shared by the graph network blocks of the model bundles (CGCNN's {@code CgcnnNet}, {@link CgcnnConv},
 * CGformer's and SchNet's blocks): DJL's {@link AbstractBlock} writes the block's {@code VERSION} byte, its input shapes,
 * then its parameters and child blocks in order; loading accepts only the block's own version and rejects any other
 * with a message that quotes it. A block that changes its encoding raises its version and overrides
 * {@link #loadMetadata} to read the older ones. Networks run their layer groups through {@link #forwardChild} so that a
 * frozen group is a fixed function while the rest trains.
 */
public abstract class VersionedBlock extends AbstractBlock {

    /**
     * @param version the encoding version written in front of the block's parameters
     */
    protected VersionedBlock(byte version) {
        super(version);
    }

    @Override
    protected void loadMetadata(byte loadVersion, DataInputStream is) throws IOException, MalformedModelException {
        if (loadVersion != version) {
            throw new MalformedModelException("Unsupported encoding version: " + loadVersion);
        }
        readInputShapes(is);
    }

    /**
     * Runs a child block, in training mode only when it has something to train. A child whose parameters are all frozen
     * (fine-tuning's {@code --freeze}) runs as in inference: a training-mode pass would move its batch-norm running mean
     * and variance (parameters that PyTorch updates in place during the pass, gradient or not) and switch its dropout on,
     * so "frozen" would not mean what it says. In inference mode it computes during fine-tuning exactly what it computes
     * when predicting, so the layers after it learn from the features they will be given. (Keeping training mode and
     * restoring the statistics after each step would instead train those layers on batch statistics that prediction
     * never uses.)
     */
    protected static NDList forwardChild(Block child, ParameterStore ps, NDList inputs, boolean training) {
        return child.forward(ps, inputs, training && !frozen(child));
    }

    /** Whether {@code block} has parameters and none of them is trained (batch-norm statistics never are). */
    public static boolean frozen(Block block) {
        boolean any = false;
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                return false;
            }
            any = true;
        }
        return any;
    }
}
