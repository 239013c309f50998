package org.cgformer.ml.api;

/** Thrown by {@link PropertyModel#train} when its {@link Cancellation} was cancelled. */
public class TrainingCancelledException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TrainingCancelledException() {
        super("training cancelled");
    }

    /** @param message why the training was cancelled, e.g. its model's bundle was stopped */
    public TrainingCancelledException(String message) {
        super(message);
    }
}
