package org.cgformer.stability.api;

import java.util.ArrayList;
import java.util.List;

import org.cgformer.graph.api.CrystalGraph;
import org.cgformer.ml.api.Metrics;
import org.cgformer.ml.training.Ensemble;
import org.cgformer.ml.training.EnsemblePrediction;

/**
 * Predictions of a fold ensemble trained on transformed targets (as {@code bench ehull} writes them), on the
 * original scale: each member's prediction is transformed back first, then mean and spread are taken (the mean of
 * asinh values transformed back would be a geometric-like mean, not the mean prediction).
 */
public final class TransformedEnsemble {

    /** The descriptor metric under which a model records its target transform. */
    public static final String TRANSFORM_METRIC = "targetTransform";

    private TransformedEnsemble() {
    }

    /**
     * The target transform the members were trained with ({@link TargetTransform#IDENTITY} when they record none).
     *
     * @throws IllegalArgumentException when members record different transforms
     */
    public static TargetTransform transformOf(Ensemble ensemble) {
        String spec = null;
        for (Ensemble.Member member : ensemble.members()) {
            Object value = member.model().descriptor().metrics().get(TRANSFORM_METRIC);
            String memberSpec = value == null ? "identity" : value.toString();
            if (spec != null && !spec.equals(memberSpec)) {
                throw new IllegalArgumentException(ensemble.folder() + ": members were trained with different target transforms (" + spec
                        + ", " + memberSpec + " in " + member.folder() + ")");
            }
            spec = memberSpec;
        }
        return TargetTransform.parse(spec == null ? "identity" : spec);
    }

    /** Mean and spread over the members, on the original scale, for each graph. */
    public static List<EnsemblePrediction> predict(Ensemble ensemble, List<CrystalGraph> graphs) {
        TargetTransform transform = transformOf(ensemble);
        List<EnsemblePrediction> out = new ArrayList<>(graphs.size());
        for (EnsemblePrediction p : ensemble.predict(graphs)) {
            double[] values = p.values().clone();
            for (int k = 0; k < values.length; k++) {
                values[k] = transform.inverse(values[k]);
            }
            double[] ms = Metrics.meanStd(values);
            out.add(new EnsemblePrediction(ms[0], ms[1], values));
        }
        return out;
    }
}
