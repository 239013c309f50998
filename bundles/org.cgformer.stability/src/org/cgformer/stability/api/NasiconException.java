package org.cgformer.stability.api;

/** A composition that does not fit the NASICON framework, or a structure that cannot be built; the message says why. */
public class NasiconException extends Exception {

    private static final long serialVersionUID = 1L;

    public NasiconException(String message) {
        super(message);
    }

    public NasiconException(String message, Throwable cause) {
        super(message, cause);
    }
}
