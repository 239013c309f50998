package org.cgformer.ml.training;

import org.cgformer.ml.api.Cancellation;
import org.cgformer.ml.api.TrainingProgress;

/**
 * Receives what the training service reports: lines for a log, work progress (featurization), training progress per
 * task (a fold name, {@code model}, {@code final}); and may cancel. Called on the working threads: keep it quick.
 */
public interface TrainingMonitor {

    /** Reports nothing, never cancels. */
    TrainingMonitor NONE = new TrainingMonitor() {
    };

    /** One line for the log (what is being done, results, items refused). */
    default void message(String line) {
    }

    /** Progress of non-training work: {@code done} of {@code total} items of {@code task}. */
    default void work(String task, int done, int total, double etaSeconds) {
    }

    /** Training progress of {@code task} (after each batch and each epoch). */
    default void progress(String task, TrainingProgress progress) {
    }

    /** Cancellation checked between batches and items; null for none. */
    default Cancellation cancellation() {
        return null;
    }
}
