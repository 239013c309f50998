package org.cgformer.core.batch;

/**
 * A task threw something other than {@link ItemRefusedException} (a bug, or an environment failure such as a full
 * disk): the batch stopped starting items and the caller gets this, with the item and the original exception as the
 * cause. It is never recorded as a refusal.
 */
public class BatchFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Object item;

    public BatchFailedException(String batch, Object item, Throwable cause) {
        super(batch + " failed on " + item + ": " + cause, cause);
        this.item = item;
    }

    /** The item whose processing failed. */
    public Object item() {
        return item;
    }
}
