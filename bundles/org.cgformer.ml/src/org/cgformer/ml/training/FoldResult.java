package org.cgformer.ml.training;

import java.nio.file.Path;
import java.util.List;

import org.cgformer.ml.api.Metrics;

/**
 * One trained model of a {@link TrainingResult}: a cross-validation fold (tested on its test part), the single
 * model of a hold-out training or the final model (both "tested" on their validation part).
 *
 * @param name fold name ({@code fold_0}…), {@code model} or {@code final}
 * @param folder where the model was saved, or null when the job had no output folder
 * @param metrics metrics on the test part (validation part for {@code model}/{@code final})
 * @param bestEpoch epoch of the kept parameters
 * @param epochs epochs run
 * @param trainingStructuresPerSecond training throughput
 * @param inferenceStructuresPerSecond inference throughput on the test part
 * @param ids ids of the tested structures
 * @param targets their targets
 * @param predictions their predictions
 * @param reused true when a finished model of an earlier run was found in the output folder and reused
 */
public record FoldResult(String name, Path folder, Metrics metrics, int bestEpoch, int epochs, double trainingStructuresPerSecond,
        double inferenceStructuresPerSecond, List<String> ids, double[] targets, double[] predictions, boolean reused) {

    public FoldResult {
        ids = List.copyOf(ids);
    }
}
