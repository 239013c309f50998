package org.cgformer.model.cgcnn.nn;

import java.io.DataInputStream;
import java.io.IOException;

import ai.djl.MalformedModelException;
import ai.djl.nn.AbstractBlock;

/**
 * The parameter encoding shared by the graph network blocks of the model bundles ({@link CgcnnNet}, {@link CgcnnConv},
 * CGformer's and SchNet's blocks): DJL's {@link AbstractBlock} writes the block's {@code VERSION} byte, its input shapes,
 * then its parameters and child blocks in order; loading accepts only the block's own version and rejects any other
 * with a message that quotes it. A block that changes its encoding raises its version and overrides
 * {@link #loadMetadata} to read the older ones.
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
}
