package org.cgformer.ml.training;

import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;

import org.cgformer.ml.api.Metrics;

/**
 * What a {@link TrainingJob} produced.
 *
 * @param model model name
 * @param output output folder, or null
 * @param folds the cross-validation folds, or the one hold-out model ({@code model})
 * @param finalModel the model trained on all data ({@code --final}), or null
 * @param parent for a fine-tuning: the parent model folder used (the best fold of an ensemble), else null
 * @param crossValidated true for k-fold or predefined folds, false for one hold-out model
 */
public record TrainingResult(String model, Path output, List<FoldResult> folds, FoldResult finalModel, Path parent,
        boolean crossValidated) {

    public TrainingResult {
        folds = List.copyOf(folds);
    }

    /** [mean, sample std] over the folds of a metric, e.g. {@code meanStd(Metrics::mae)}. */
    public double[] meanStd(ToDoubleFunction<Metrics> metric) {
        return Metrics.meanStd(folds.stream().mapToDouble(f -> metric.applyAsDouble(f.metrics())).toArray());
    }
}
