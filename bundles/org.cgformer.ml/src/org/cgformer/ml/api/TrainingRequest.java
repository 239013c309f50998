package org.cgformer.ml.api;

import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Everything one training of a {@link PropertyModel} needs; built with {@link #builder(List, List)} so that new
 * settings can be added without breaking callers.
 *
 * <ul>
 * <li>{@code checkpoint}: a folder where the model writes its state after every epoch and from which it resumes
 * when that state belongs to the same {@code checkpointKey} (models that cannot checkpoint ignore it);</li>
 * <li>{@code parent}: fine-tune this trained model (transfer learning) as {@code fineTuning} says; the
 * hyper-parameters are then the parent's.</li>
 * </ul>
 */
public final class TrainingRequest {

    private final List<Sample> train;
    private final List<Sample> validation;
    private final ObjectNode hyperParameters;
    private final TrainingOptions options;
    private final ProgressListener listener;
    private final Cancellation cancellation;
    private final Path checkpoint;
    private final String checkpointKey;
    private final TrainedModel parent;
    private final Path parentFolder;
    private final FineTuning fineTuning;

    private TrainingRequest(Builder b) {
        train = List.copyOf(b.train);
        validation = List.copyOf(b.validation);
        hyperParameters = b.hyperParameters;
        options = b.options;
        listener = b.listener == null ? ProgressListener.NONE : b.listener;
        cancellation = b.cancellation == null ? new Cancellation() : b.cancellation;
        checkpoint = b.checkpoint;
        checkpointKey = b.checkpointKey == null ? "" : b.checkpointKey;
        parent = b.parent;
        parentFolder = b.parentFolder;
        fineTuning = b.fineTuning == null ? FineTuning.defaults() : b.fineTuning;
    }

    public static Builder builder(List<Sample> train, List<Sample> validation) {
        return new Builder(train, validation);
    }

    public List<Sample> train() {
        return train;
    }

    public List<Sample> validation() {
        return validation;
    }

    /** Given hyper-parameters (missing ones take defaults), or null for the defaults. */
    public ObjectNode hyperParameters() {
        return hyperParameters;
    }

    public TrainingOptions options() {
        return options;
    }

    public ProgressListener listener() {
        return listener;
    }

    public Cancellation cancellation() {
        return cancellation;
    }

    /** Checkpoint folder, or null for none. */
    public Path checkpoint() {
        return checkpoint;
    }

    /** What a checkpoint must have been written for to be resumed (e.g. a hash of data and settings). */
    public String checkpointKey() {
        return checkpointKey;
    }

    /** The model to fine-tune, or null to train from scratch. */
    public TrainedModel parent() {
        return parent;
    }

    /** The folder the parent was loaded from (recorded in the child's descriptor), or null. */
    public Path parentFolder() {
        return parentFolder;
    }

    public FineTuning fineTuning() {
        return fineTuning;
    }

    /** Builder of a {@link TrainingRequest}. */
    public static final class Builder {
        private final List<Sample> train;
        private final List<Sample> validation;
        private ObjectNode hyperParameters;
        private TrainingOptions options = TrainingOptions.defaults();
        private ProgressListener listener;
        private Cancellation cancellation;
        private Path checkpoint;
        private String checkpointKey;
        private TrainedModel parent;
        private Path parentFolder;
        private FineTuning fineTuning;

        private Builder(List<Sample> train, List<Sample> validation) {
            this.train = train;
            this.validation = validation == null ? List.of() : validation;
        }

        public Builder hyperParameters(ObjectNode value) {
            hyperParameters = value;
            return this;
        }

        public Builder options(TrainingOptions value) {
            options = value;
            return this;
        }

        public Builder listener(ProgressListener value) {
            listener = value;
            return this;
        }

        public Builder cancellation(Cancellation value) {
            cancellation = value;
            return this;
        }

        /** Write a checkpoint into {@code folder} every epoch, resume from it when its key is {@code key}. */
        public Builder checkpoint(Path folder, String key) {
            checkpoint = folder;
            checkpointKey = key;
            return this;
        }

        /** Fine-tune {@code model} (loaded from {@code folder}, may be null) as {@code how} says. */
        public Builder fineTune(TrainedModel model, Path folder, FineTuning how) {
            parent = model;
            parentFolder = folder;
            fineTuning = how;
            return this;
        }

        public TrainingRequest build() {
            if (options == null) {
                throw new IllegalArgumentException("no training options");
            }
            return new TrainingRequest(this);
        }
    }
}
