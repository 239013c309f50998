package org.cgformer.stability.ehull;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.cgformer.ml.api.ModelDescriptor;
import org.cgformer.ml.api.PropertyModel;
import org.cgformer.ml.api.Sample;
import org.cgformer.ml.api.Split;
import org.cgformer.ml.api.Splits;
import org.cgformer.ml.api.TrainingOptions;
import org.cgformer.ml.training.FoldResult;
import org.cgformer.ml.training.LabelledData;
import org.cgformer.ml.training.TrainingJob;
import org.cgformer.ml.training.TrainingMonitor;
import org.cgformer.ml.training.TrainingResult;
import org.cgformer.ml.training.TrainingService;
import org.cgformer.stability.api.FoldMetrics;
import org.cgformer.stability.api.RandomForest;
import org.cgformer.stability.api.TargetTransform;

/**
 * k-fold cross-validation of graph models (CGCNN, CGformer) and the composition random forest on
 * one Ehull dataset with the same folds (graph models through the {@link TrainingService}). All models fit {@link TargetTransform#forward} of the
 * targets; errors are measured after {@link TargetTransform#inverse}, in meV/atom.
 */
public final class EhullBenchmark {

    /** Name of the composition baseline in tables and files. */
    public static final String FOREST = "forest";
    /** Name of the trivial baseline: the training part's median. */
    public static final String MEDIAN = "median";

    /** One model's folds: test metrics, and per fold the ids, targets and predictions. */
    public record ModelResult(String model, List<FoldMetrics> folds, List<String> ids, List<Double> targets, List<Double> predictions,
            double seconds) {

        public double[] meanStd(java.util.function.ToDoubleFunction<FoldMetrics> metric) {
            double[] values = folds.stream().mapToDouble(metric).toArray();
            return org.cgformer.ml.api.Metrics.meanStd(values);
        }
    }

    private final List<String> ids;
    private final double[] targets;
    private final List<Split> splits;
    private final TargetTransform transform;
    private final PrintWriter log;

    /**
     * @param ids the structures every model is tested on, in the order the split indices refer to
     * @param targets their targets (original scale)
     */
    public EhullBenchmark(List<String> ids, double[] targets, List<Split> splits, TargetTransform transform, PrintWriter log) {
        if (ids.size() != targets.length) {
            throw new IllegalArgumentException(ids.size() + " ids and " + targets.length + " targets");
        }
        this.ids = List.copyOf(ids);
        this.targets = targets.clone();
        this.splits = splits;
        this.transform = transform;
        this.log = log;
    }

    /**
     * The data of every graph model restricted to the structures all of them could featurize, in the order of the first:
     * the benchmark then tests each model on the same structures.
     */
    public static List<LabelledData> common(List<LabelledData> data) {
        Set<String> shared = new LinkedHashSet<>(data.get(0).ids());
        data.forEach(d -> shared.retainAll(new HashSet<>(d.ids())));
        List<LabelledData> out = new ArrayList<>();
        for (LabelledData d : data) {
            Map<String, Sample> byId = new HashMap<>();
            d.samples().forEach(sample -> byId.put(sample.id(), sample));
            out.add(new LabelledData(d.dataset(), d.featurizer(), shared.stream().map(byId::get).toList(), d.refused()));
        }
        return out;
    }

    /** The same k folds for every model: {@link Splits#kFold} over {@code n} structures with {@code seed}. */
    public static List<Split> folds(int n, int k, long seed) {
        return Splits.kFold(n, k, seed);
    }

    /** The training part's median for every test structure. */
    public ModelResult median() {
        long t0 = System.nanoTime();
        Collector collector = new Collector(MEDIAN);
        for (Split split : splits) {
            double median = FoldMetrics.median(split.train().stream().mapToDouble(i -> targets[i]).toArray());
            collector.add(split.name(), split.test(), split.test().stream().mapToDouble(i -> median).toArray());
        }
        return collector.result(t0);
    }

    /** A random forest on the composition features of {@code features.csv}, trained on the transformed targets. */
    public ModelResult forest(Map<String, double[]> features, RandomForest.Builder forest) throws IOException {
        long t0 = System.nanoTime();
        double[][] x = new double[ids.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = features.get(ids.get(i));
            if (x[i] == null) {
                throw new IOException(ids.get(i) + " is in id_prop.csv but not in " + EhullDatasetWriter.FEATURES);
            }
        }
        Collector collector = new Collector(FOREST);
        for (Split split : splits) {
            double[][] trainX = split.train().stream().map(i -> x[i]).toArray(double[][]::new);
            double[] trainY = split.train().stream().mapToDouble(i -> transform.forward(targets[i])).toArray();
            RandomForest fitted = forest.fit(trainX, trainY);
            collector.add(split.name(), split.test(), split.test().stream().mapToDouble(i -> transform.inverse(fitted.predict(x[i]))).toArray());
            log.printf(Locale.ROOT, "%s %s: test MAE %.2f, median AE %.2f%n", FOREST, split.name(), collector.last().mae(),
                    collector.last().medianAe());
            log.flush();
        }
        return collector.result(t0);
    }

    /**
     * Cross-validates {@code model} with the training service on the benchmark's folds (10 % of each training part
     * held out for early stopping), the targets transformed. {@code data} must hold the benchmark's ids in its order.
     * With {@code output} the fold models go to {@code output/<fold>}: the service's {@code parity.csv} and
     * {@code metrics.json} are on the transformed scale, {@code parity-original.csv} on the original one, and each
     * model.json records the transform under {@code metrics.targetTransform}. Finished folds of an earlier run are reused.
     */
    public ModelResult graphModel(TrainingService training, PropertyModel model, LabelledData data, TrainingOptions options, Path output,
            TrainingMonitor monitor) throws IOException {
        long t0 = System.nanoTime();
        if (!data.ids().equals(ids)) {
            throw new IllegalArgumentException(model.name() + ": the data does not hold the benchmark's structures in its order");
        }
        List<Sample> transformed = data.samples().stream().map(s -> new Sample(s.id(), s.graph(), transform.forward(s.target()))).toList();
        LabelledData input = new LabelledData(data.dataset(), data.featurizer(), transformed, data.refused());
        TrainingResult result = training.run(TrainingJob.train(model, input).options(options).splits(splits).validationFraction(0.1)
                .output(output).build(), monitor);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            index.put(ids.get(i), i);
        }
        Collector collector = new Collector(model.name());
        for (FoldResult fold : result.folds()) {
            List<Integer> test = fold.ids().stream().map(index::get).toList();
            double[] predicted = java.util.Arrays.stream(fold.predictions()).map(transform::inverse).toArray();
            collector.add(fold.name(), test, predicted);
            log.printf(Locale.ROOT, "%s %s: test MAE %.2f, median AE %.2f (meV/atom)%n", model.name(), fold.name(), collector.last().mae(),
                    collector.last().medianAe());
            if (fold.folder() != null) {
                ModelDescriptor d = ModelDescriptor.read(fold.folder());
                d.withMetric(org.cgformer.stability.api.TransformedEnsemble.TRANSFORM_METRIC, transformSpec(transform)).withMetric("testMaeOriginal", collector.last().mae())
                        .withMetric("testMedianAeOriginal", collector.last().medianAe()).write(fold.folder());
                writeParity(fold.folder().resolve("parity-original.csv"), test, predicted);
            }
        }
        return collector.result(t0);
    }

    /** The spec {@link TargetTransform#parse} reads back. */
    public static String transformSpec(TargetTransform transform) {
        String name = transform.name();
        return name.startsWith("asinh(y/") ? "asinh:" + name.substring("asinh(y/".length(), name.length() - 1) : name;
    }

    private void writeParity(Path file, List<Integer> test, double[] predicted) throws IOException {
        StringBuilder csv = new StringBuilder("id,target,predicted,residual\n");
        for (int k = 0; k < predicted.length; k++) {
            int i = test.get(k);
            csv.append(ids.get(i)).append(',').append(targets[i]).append(',').append(predicted[k]).append(',')
                    .append(predicted[k] - targets[i]).append('\n');
        }
        Files.writeString(file, csv);
    }

    /** Gathers per-fold metrics and the out-of-fold predictions. */
    private final class Collector {
        final String name;
        final List<FoldMetrics> folds = new ArrayList<>();
        final List<String> testIds = new ArrayList<>();
        final List<Double> testTargets = new ArrayList<>();
        final List<Double> predictions = new ArrayList<>();

        Collector(String name) {
            this.name = name;
        }

        void add(String fold, List<Integer> test, double[] predicted) {
            double[] t = test.stream().mapToDouble(i -> targets[i]).toArray();
            folds.add(FoldMetrics.of(fold, t, predicted));
            for (int k = 0; k < predicted.length; k++) {
                testIds.add(ids.get(test.get(k)));
                testTargets.add(t[k]);
                predictions.add(predicted[k]);
            }
        }

        FoldMetrics last() {
            return folds.get(folds.size() - 1);
        }

        ModelResult result(long t0) {
            return new ModelResult(name, List.copyOf(folds), List.copyOf(testIds), List.copyOf(testTargets), List.copyOf(predictions),
                    (System.nanoTime() - t0) / 1e9);
        }
    }

    /** metrics.json: per model the folds and the mean ± std of MAE, median AE and RMSE. */
    public static Map<String, Object> metricsJson(List<ModelResult> results, Map<String, Object> settings) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("settings", settings);
        Map<String, Object> models = new LinkedHashMap<>();
        for (ModelResult r : results) {
            Map<String, Object> m = new LinkedHashMap<>();
            double[] mae = r.meanStd(FoldMetrics::mae);
            double[] median = r.meanStd(FoldMetrics::medianAe);
            double[] rmse = r.meanStd(FoldMetrics::rmse);
            m.put("mae", Map.of("mean", mae[0], "std", mae[1]));
            m.put("medianAe", Map.of("mean", median[0], "std", median[1]));
            m.put("rmse", Map.of("mean", rmse[0], "std", rmse[1]));
            m.put("seconds", r.seconds());
            m.put("folds", r.folds());
            models.put(r.model(), m);
        }
        root.put("models", models);
        return root;
    }
}
