package org.cgformer.screening.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cgformer.design.api.FunnelResult;
import org.cgformer.screening.api.Candidate;
import org.cgformer.screening.api.ScreeningException;
import org.cgformer.screening.api.Skill;
import org.cgformer.stability.api.RandomForest;

/**
 * The skill section of a report: which screened candidates the oracle labels, the composition-only baseline, and the
 * scores of every predictor against the oracle. Pure bookkeeping; the oracle (BVSE) and the model predictions are
 * given by the screening run.
 */
final class OracleValidation {

    /** Random orders averaged for the "random ranking" row. */
    static final int RANDOM_DRAWS = 1000;

    /** Id of a generated design-space structure in a label set: c&lt;enumeration rank&gt;_&lt;formula&gt;. */
    private static final Pattern DESIGN_ID = Pattern.compile("c(\\d+)_(.+)");

    private OracleValidation() {
    }

    /**
     * The candidates to label: {@code count} drawn at random (seeded) among the ok candidates that are neither named
     * nor matched by formula in {@code trainingIds} (the ids of every structure the models were trained or pre-trained
     * on), in rank order. The draw does not depend on the ranking: it shuffles the eligible candidates in id order, so
     * that screens with other models (or other model versions) validate the same candidates and their skills compare.
     */
    static List<Candidate> heldOut(List<Candidate> ranked, Set<String> trainingIds, int count, long seed) {
        Set<String> seenIds = new HashSet<>();
        Set<String> seenFormulas = new HashSet<>();
        for (String id : trainingIds) {
            Matcher m = DESIGN_ID.matcher(id);
            if (m.matches()) {
                seenIds.add("c" + m.group(1));
                seenFormulas.add(m.group(2));
            }
            seenIds.add(id);
        }
        List<Candidate> eligible = new ArrayList<>();
        for (Candidate c : ranked) {
            if (c.ok() && !seenIds.contains(c.id()) && !seenFormulas.contains(c.formula())) {
                eligible.add(c);
            }
        }
        eligible.sort(Comparator.comparing(Candidate::id));
        Collections.shuffle(eligible, new Random(seed));
        List<Candidate> chosen = new ArrayList<>(eligible.subList(0, Math.min(count, eligible.size())));
        chosen.sort((a, b) -> Integer.compare(a.rank(), b.rank()));
        return chosen;
    }

    /** A row of the composition baseline's training set. */
    record CompositionRow(double[] features, double target) {
    }

    /**
     * Composition descriptors of the labelled design-space structures among {@code labels} (id to target): those whose
     * id is c&lt;rank&gt;_… with a rank in {@code survivors} (every combination of the design space). Other structures
     * (e.g. the Na compounds of a pre-training set) have no dopant composition and are left out.
     */
    static List<CompositionRow> compositionRows(Map<String, Double> labels, Map<Long, FunnelResult.Survivor> survivors) {
        List<CompositionRow> rows = new ArrayList<>();
        labels.forEach((id, target) -> {
            Matcher m = DESIGN_ID.matcher(id);
            if (m.matches()) {
                FunnelResult.Survivor s = survivors.get(Long.parseLong(m.group(1)));
                if (s != null) {
                    rows.add(new CompositionRow(features(s), target));
                }
            }
        });
        return rows;
    }

    /** The composition-only features: the clustering descriptors of the substituted site and the Na content. */
    static double[] features(FunnelResult.Survivor s) {
        double[] f = java.util.Arrays.copyOf(s.descriptors(), s.descriptors().length + 1);
        f[f.length - 1] = s.mobileIonContent();
        return f;
    }

    /** A random forest on the composition features of {@code rows}, seeded; null with fewer than 5 rows. */
    static RandomForest compositionForest(List<CompositionRow> rows, long seed) {
        if (rows.size() < 5) {
            return null;
        }
        double[][] x = rows.stream().map(CompositionRow::features).toArray(double[][]::new);
        double[] y = rows.stream().mapToDouble(CompositionRow::target).toArray();
        return RandomForest.builder().optTrees(200).optSeed(seed).fit(x, y);
    }

    /** The scores of one predictor, as summary.json writes them. */
    static Map<String, Object> scores(Skill.Scores s, String description) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("description", description);
        m.put("spearman", finite(s.spearman()));
        m.put("kendall", finite(s.kendall()));
        m.put("mae", finite(s.mae()));
        m.put("topRecall", finite(s.topRecall()));
        m.put("enrichment", finite(s.enrichment()));
        return m;
    }

    static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    /** The labels (id to target) of the cross-validation test folds of a model folder: the data it was trained on. */
    static Map<String, Double> labels(Path folder) throws ScreeningException {
        Map<String, Double> labels = new LinkedHashMap<>();
        for (ModelEnsemble.ParityPoint p : ModelEnsemble.parity(folder)) {
            labels.put(p.id(), p.target());
        }
        return labels;
    }
}
