package org.cgformer.ml.training;

import java.nio.file.Path;
import java.util.List;

import org.cgformer.ml.api.FineTuning;
import org.cgformer.ml.api.PropertyModel;
import org.cgformer.ml.api.Split;
import org.cgformer.ml.api.TrainingOptions;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What {@link TrainingService#run} should do; built with {@link #train(PropertyModel, LabelledData)} or
 * {@link #fineTune(Path, LabelledData)} so that settings can be added later without breaking callers.
 *
 * <ul>
 * <li>no splits: one model, validated on a held-out {@code validationFraction}, saved in {@code output};</li>
 * <li>splits (k-fold, Matbench folds): one model per fold in {@code output/<fold>} with {@code parity.csv}, and
 * {@code output/metrics.json} (per-fold and mean ± std MAE, RMSE, R²);</li>
 * <li>{@code finalModel}: also one model on all data in {@code output/final};</li>
 * <li>{@code resume} (default on): folds already finished in {@code output} are reused and an interrupted training
 * continues from its checkpoint ({@code output/<fold>/checkpoint}); off: everything is trained afresh;</li>
 * <li>fine-tuning: start from the model in {@code parent} (one model folder, or a fold ensemble, of which the fold
 * with the best validation MAE is used) with its hyper-parameters.</li>
 * </ul>
 */
public final class TrainingJob {

    private final PropertyModel model;
    private final LabelledData data;
    private final Path parent;
    private final FineTuning fineTuning;
    private final ObjectNode hyperParameters;
    private final TrainingOptions options;
    private final List<Split> splits;
    private final double validationFraction;
    private final boolean finalModel;
    private final Path output;
    private final boolean resume;

    private TrainingJob(Builder b) {
        model = b.model;
        data = b.data;
        parent = b.parent;
        fineTuning = b.fineTuning == null ? FineTuning.defaults() : b.fineTuning;
        hyperParameters = b.hyperParameters;
        options = b.options;
        splits = b.splits == null ? null : List.copyOf(b.splits);
        validationFraction = b.validationFraction;
        finalModel = b.finalModel;
        output = b.output;
        resume = b.resume;
    }

    /** Train {@code model} from scratch on {@code data}. */
    public static Builder train(PropertyModel model, LabelledData data) {
        if (model == null || data == null) {
            throw new IllegalArgumentException("a training job needs a model and data");
        }
        Builder b = new Builder(data);
        b.model = model;
        return b;
    }

    /** Fine-tune the model (or best fold model) in {@code parentFolder} on {@code data}. */
    public static Builder fineTune(Path parentFolder, LabelledData data) {
        if (parentFolder == null || data == null) {
            throw new IllegalArgumentException("a fine-tuning job needs a parent model folder and data");
        }
        Builder b = new Builder(data);
        b.parent = parentFolder;
        return b;
    }

    /** The model to train; null for a fine-tuning (the parent's kind is used). */
    public PropertyModel model() {
        return model;
    }

    public LabelledData data() {
        return data;
    }

    /** Parent model folder of a fine-tuning, or null. */
    public Path parent() {
        return parent;
    }

    public FineTuning fineTuning() {
        return fineTuning;
    }

    /** Given hyper-parameters, null for the defaults (ignored when fine-tuning). */
    public ObjectNode hyperParameters() {
        return hyperParameters;
    }

    public TrainingOptions options() {
        return options;
    }

    /** Test folds over the indices of {@link LabelledData#samples()}, or null for one hold-out model. */
    public List<Split> splits() {
        return splits;
    }

    public double validationFraction() {
        return validationFraction;
    }

    public boolean finalModel() {
        return finalModel;
    }

    public Path output() {
        return output;
    }

    public boolean resume() {
        return resume;
    }

    /** Builder of a {@link TrainingJob}. */
    public static final class Builder {
        private final LabelledData data;
        private PropertyModel model;
        private Path parent;
        private FineTuning fineTuning;
        private ObjectNode hyperParameters;
        private TrainingOptions options = TrainingOptions.defaults();
        private List<Split> splits;
        private double validationFraction = 0.1;
        private boolean finalModel;
        private Path output;
        private boolean resume = true;

        private Builder(LabelledData data) {
            this.data = data;
        }

        public Builder hyperParameters(ObjectNode value) {
            hyperParameters = value;
            return this;
        }

        public Builder options(TrainingOptions value) {
            options = value;
            return this;
        }

        /** Cross-validate over these folds (see {@link TrainingService#kFold} and {@link TrainingService#folds}). */
        public Builder splits(List<Split> value) {
            splits = value;
            return this;
        }

        /** Fraction (0..1) of each training part held out for validation and early stopping (default 0.1). */
        public Builder validationFraction(double value) {
            validationFraction = value;
            return this;
        }

        /** Also train one model on all data ({@code output/final}). */
        public Builder finalModel(boolean value) {
            finalModel = value;
            return this;
        }

        /** Output folder (created); null keeps nothing on disk (benchmarks). */
        public Builder output(Path value) {
            output = value;
            return this;
        }

        /** Reuse finished folds and resume from checkpoints in the output folder (default true). */
        public Builder resume(boolean value) {
            resume = value;
            return this;
        }

        public Builder fineTuning(FineTuning value) {
            fineTuning = value;
            return this;
        }

        public TrainingJob build() {
            if (options == null) {
                throw new IllegalArgumentException("no training options");
            }
            if (!(validationFraction > 0 && validationFraction < 1)) {
                throw new IllegalArgumentException("the validation fraction must be between 0 and 1, not " + validationFraction);
            }
            return new TrainingJob(this);
        }
    }
}
