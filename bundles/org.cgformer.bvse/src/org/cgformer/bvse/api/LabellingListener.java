package org.cgformer.bvse.api;

import java.nio.file.Path;

import org.cgformer.core.batch.BatchProgress;

/** Hears how a {@link DatasetLabeller} run goes; every method has a do-nothing default. */
public interface LabellingListener {

    /** Hears nothing and never cancels. */
    LabellingListener NONE = new LabellingListener() {
    };

    /** Before the work: structures found done by an earlier run, and those this run computes. */
    default void started(int alreadyDone, int toCompute) {
    }

    /** After each structure (from worker threads, one call at a time): done/total, ETA, its refusal if any. */
    default void finished(BatchProgress<? extends Path> progress) {
    }

    /** Something the user should know that is not an error (e.g. a recipe kept). */
    default void note(String message) {
    }

    /** Asked before each structure is started; true stops the run, keeping what is done. */
    default boolean isCancelled() {
        return false;
    }
}
