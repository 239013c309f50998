package org.cgformer.screening.api;

/** A screening run cannot go on; the message says why and names the file or model. */
public class ScreeningException extends Exception {

    private static final long serialVersionUID = 1L;

    public ScreeningException(String message) {
        super(message);
    }

    public ScreeningException(String message, Throwable cause) {
        super(message, cause);
    }
}
