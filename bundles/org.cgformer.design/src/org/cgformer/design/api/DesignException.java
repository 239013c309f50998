package org.cgformer.design.api;

/** A design space cannot be enumerated, clustered or sampled as asked; the message says why and names the object. */
public class DesignException extends Exception {

    private static final long serialVersionUID = 1L;

    public DesignException(String message) {
        super(message);
    }

    public DesignException(String message, Throwable cause) {
        super(message, cause);
    }
}
