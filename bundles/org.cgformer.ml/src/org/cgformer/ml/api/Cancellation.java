package org.cgformer.ml.api;

/** Lets another thread stop a training between two batches. */
public final class Cancellation {

    private volatile boolean cancelled;

    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** @throws TrainingCancelledException if cancelled */
    public void check() {
        if (cancelled) {
            throw new TrainingCancelledException();
        }
    }
}
