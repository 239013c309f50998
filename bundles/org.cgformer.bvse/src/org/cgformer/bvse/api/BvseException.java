package org.cgformer.bvse.api;

/** A structure BVSE cannot handle, with the reason quoted (missing parameter pair, no mobile ion…). */
public class BvseException extends Exception {

    private static final long serialVersionUID = 1L;

    public BvseException(String message) {
        super(message);
    }
}
