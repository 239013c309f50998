package org.cgformer.ml.api;

import java.io.IOException;

/** A model folder that cannot be used: missing, corrupt, or made for another model or featurizer. */
public class ModelFileException extends IOException {

    private static final long serialVersionUID = 1L;

    public ModelFileException(String message) {
        super(message);
    }

    public ModelFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
