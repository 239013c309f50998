package org.cgformer.ml.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A kind of property model (CGCNN, CGformer, a lab's own): an OSGi service through which models are
 * trained on crystal graphs and loaded from model folders. Implementations live in their own bundles
 * and register this interface as a Declarative Services component; {@code cgformer models} lists them.
 *
 * <p>The API carries no tensor-library type: graphs go in as {@link Sample}s, numbers come out.
 */
public interface PropertyModel {

    /** Unique name used on command lines, e.g. {@code cgcnn}. */
    String name();

    /** Version of the architecture and its file format (major.minor.micro). */
    String version();

    /** One line saying what the model is. */
    String description();

    /** The featurizer (by name) whose graphs this model reads by default, e.g. {@code cgcnn}. */
    String defaultFeaturizer();

    /** Hyper-parameters with their defaults (a fresh copy the caller may change). */
    ObjectNode defaultHyperParameters();

    /**
     * Trains a new model on {@code train}, choosing the best epoch on {@code validation} (early stopping,
     * best checkpoint kept). Targets are normalised inside.
     *
     * @param hyperParameters architecture hyper-parameters; missing ones take their defaults
     * @throws TrainingCancelledException when {@code cancellation} was cancelled
     * @throws IllegalArgumentException for an unknown hyper-parameter or an empty training set
     */
    TrainedModel train(List<Sample> train, List<Sample> validation, ObjectNode hyperParameters, TrainingOptions options,
            ProgressListener listener, Cancellation cancellation);

    /**
     * Trains as {@code request} says: from scratch or fine-tuning a parent, with an optional checkpoint folder to
     * resume from. The default serves plain trainings through {@link #train(List, List, ObjectNode, TrainingOptions,
     * ProgressListener, Cancellation)} (no checkpoints) and refuses fine-tuning.
     *
     * @throws UnsupportedOperationException when the request fine-tunes and the model cannot
     * @since 1.1
     */
    default TrainedModel train(TrainingRequest request) {
        if (request.parent() != null) {
            throw new UnsupportedOperationException("model " + name() + " cannot fine-tune");
        }
        return train(request.train(), request.validation(), request.hyperParameters(), request.options(), request.listener(),
                request.cancellation());
    }

    /**
     * Names of the layer groups {@link FineTuning#freeze()} may name (e.g. {@code embedding}, {@code conv},
     * {@code attention}, {@code head}); empty when the model cannot fine-tune.
     *
     * @since 1.1
     */
    default Set<String> layerGroups() {
        return Set.of();
    }

    /**
     * Loads a model saved with {@link TrainedModel#save(Path)}.
     *
     * @throws ModelFileException when the folder has no model of this kind, or a corrupt or mismatched one;
     *         the message says what does not match
     */
    TrainedModel load(Path folder) throws ModelFileException;
}
