package org.cgformer.core.batch;

/**
 * Told about each finished item. Calls come from the worker threads but one at a time (the batch serialises them), so an
 * implementation needs no locking of its own; it should be quick, as the workers wait for it.
 */
@FunctionalInterface
public interface BatchListener<I> {

    /** Listens to nothing. */
    BatchListener<Object> NONE = progress -> { };

    void finished(BatchProgress<? extends I> progress);
}
