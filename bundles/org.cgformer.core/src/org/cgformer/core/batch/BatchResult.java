package org.cgformer.core.batch;

import java.util.List;

/**
 * What a batch did, each list in the order of the items given.
 *
 * @param processed  items processed, with their results
 * @param refused    items refused as bad input, with the reason
 * @param notStarted items never started because the batch was cancelled (empty otherwise)
 * @param cancelled  whether the batch was cancelled before all items were started
 */
public record BatchResult<I, R>(List<Processed<I, R>> processed, List<Refusal<I>> refused, List<I> notStarted,
        boolean cancelled) {

    /** One processed item and its result. */
    public record Processed<I, R>(I item, R result) {
    }

    /** One refused item and why. */
    public record Refusal<I>(I item, String reason) {
    }

    public BatchResult {
        processed = List.copyOf(processed);
        refused = List.copyOf(refused);
        notStarted = List.copyOf(notStarted);
    }

    /** The results of the processed items, in item order. */
    public List<R> results() {
        return processed.stream().map(Processed::result).toList();
    }
}
