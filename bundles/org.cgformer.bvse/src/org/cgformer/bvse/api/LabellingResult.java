package org.cgformer.bvse.api;

import java.nio.file.Path;

/**
 * What one {@link DatasetLabeller#label} run did (structures skipped as done by an earlier run are not counted).
 *
 * @param labelled   structures labelled by this run
 * @param refused    structures refused by this run (reasons in {@link DatasetLabeller#REFUSED})
 * @param notStarted structures left for a later run because this one was cancelled
 * @param output     the dataset folder
 */
public record LabellingResult(int labelled, int refused, int notStarted, Path output) {

    /** Whether the run was cancelled before every structure was started. */
    public boolean cancelled() {
        return notStarted > 0;
    }
}
