package org.cgformer.ml.training;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.cgformer.graph.api.CrystalGraph;
import org.cgformer.graph.api.Featurizer;
import org.cgformer.ml.api.Metrics;
import org.cgformer.ml.api.TrainedModel;

/**
 * Trained models loaded together from a model folder: one model, or every fold model of a cross-validation;
 * predicts the mean and spread over its members (on the targets' original scale with
 * {@link #predictOnOriginalScale(List)}). All members read graphs of the same featurizer. Holds native
 * memory: close it.
 */
public final class Ensemble implements AutoCloseable {

    /** One member: its folder (name = folder name) and model. */
    public record Member(String name, Path folder, TrainedModel model) {
    }

    private final Path folder;
    private final Featurizer featurizer;
    private final List<Member> members;

    public Ensemble(Path folder, Featurizer featurizer, List<Member> members) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs at least one model");
        }
        this.folder = folder;
        this.featurizer = featurizer;
        this.members = List.copyOf(members);
    }

    public Path folder() {
        return folder;
    }

    /** The featurizer (exact version) the members were trained with. */
    public Featurizer featurizer() {
        return featurizer;
    }

    public List<Member> members() {
        return members;
    }

    public int size() {
        return members.size();
    }

    /** The member with the lowest validation MAE recorded in its descriptor (the first when none records one). */
    public Member best() {
        Member best = members.get(0);
        double bestMae = Double.POSITIVE_INFINITY;
        for (Member m : members) {
            double mae = m.model().descriptor().metric("validationMae");
            if (mae < bestMae) {
                bestMae = mae;
                best = m;
            }
        }
        return best;
    }

    /** Mean and spread of the members' predictions for each graph, in order. */
    public List<EnsemblePrediction> predict(List<CrystalGraph> graphs) {
        List<double[]> values = new ArrayList<>(members.size());
        for (Member m : members) {
            values.add(m.model().predict(graphs));
        }
        List<EnsemblePrediction> out = new ArrayList<>(graphs.size());
        for (int i = 0; i < graphs.size(); i++) {
            double[] v = new double[members.size()];
            for (int k = 0; k < v.length; k++) {
                v[k] = values.get(k)[i];
            }
            double[] ms = Metrics.meanStd(v);
            out.add(new EnsemblePrediction(ms[0], ms[1], v));
        }
        return out;
    }

    /**
     * The spec of the target transform the members were trained with ({@code identity} when they record none).
     *
     * @throws IllegalArgumentException when members record different transforms
     * @since 1.1
     */
    public String targetTransform() {
        String spec = null;
        for (Member m : members) {
            String memberSpec = TargetTransform.specOf(m.model().descriptor());
            if (spec != null && !spec.equals(memberSpec)) {
                throw new IllegalArgumentException(folder + ": members were trained with different target transforms (" + spec + ", "
                        + memberSpec + " in " + m.folder() + ")");
            }
            spec = memberSpec;
        }
        return spec;
    }

    /**
     * Mean and spread of the members' predictions on the targets' original scale: each member's prediction is
     * transformed back ({@link #targetTransform()}) before mean and spread are taken; the mean of transformed values
     * transformed back would be a geometric-like mean, not the mean prediction. The same as {@link #predict(List)} for
     * members trained on untransformed targets.
     *
     * @throws IllegalArgumentException when members record different or unknown transforms
     * @since 1.1
     */
    public List<EnsemblePrediction> predictOnOriginalScale(List<CrystalGraph> graphs) {
        TargetTransform transform = TargetTransform.parse(targetTransform());
        List<EnsemblePrediction> out = new ArrayList<>(graphs.size());
        for (EnsemblePrediction p : predict(graphs)) {
            double[] values = p.values().clone();
            for (int k = 0; k < values.length; k++) {
                values[k] = transform.inverse(values[k]);
            }
            double[] ms = Metrics.meanStd(values);
            out.add(new EnsemblePrediction(ms[0], ms[1], values));
        }
        return out;
    }

    @Override
    public void close() {
        for (Member m : members) {
            m.model().close();
        }
    }
}
