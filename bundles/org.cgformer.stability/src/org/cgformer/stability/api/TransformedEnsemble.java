package org.cgformer.stability.api;

import java.util.List;

import org.cgformer.graph.api.CrystalGraph;
import org.cgformer.ml.training.Ensemble;
import org.cgformer.ml.training.EnsemblePrediction;

/**
 * Predictions of a fold ensemble trained on transformed targets (as {@code bench ehull} writes them), on the
 * original scale: each member's prediction is transformed back first, then mean and spread are taken (the mean of
 * asinh values transformed back would be a geometric-like mean, not the mean prediction).
 */
public final class TransformedEnsemble {

    /** The descriptor metric under which a model records its target transform. */
    public static final String TRANSFORM_METRIC = org.cgformer.ml.training.TargetTransform.METRIC;

    private TransformedEnsemble() {
    }

    /**
     * The target transform the members were trained with ({@link TargetTransform#IDENTITY} when they record none).
     *
     * @throws IllegalArgumentException when members record different transforms
     */
    public static TargetTransform transformOf(Ensemble ensemble) {
        return TargetTransform.parse(ensemble.targetTransform());
    }

    /** Mean and spread over the members, on the original scale, for each graph ({@link Ensemble#predictOnOriginalScale}). */
    public static List<EnsemblePrediction> predict(Ensemble ensemble, List<CrystalGraph> graphs) {
        return ensemble.predictOnOriginalScale(graphs);
    }
}
