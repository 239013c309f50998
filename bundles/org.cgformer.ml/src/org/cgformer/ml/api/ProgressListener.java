package org.cgformer.ml.api;

/** Receives training progress; called on the training thread, so keep it quick. */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = p -> {
    };

    void onProgress(TrainingProgress progress);
}
