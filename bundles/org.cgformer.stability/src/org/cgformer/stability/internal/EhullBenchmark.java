package org.cgformer.stability.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.cgformer.graph.api.Featurizer;
import org.cgformer.graph.api.GraphOptions;
import org.cgformer.ml.api.Dataset;
import org.cgformer.ml.api.ModelDescriptor;
import org.cgformer.ml.api.ProgressListener;
import org.cgformer.ml.api.PropertyModel;
import org.cgformer.ml.api.Sample;
import org.cgformer.ml.api.Split;
import org.cgformer.ml.api.Splits;
import org.cgformer.ml.api.TrainedModel;
import org.cgformer.ml.api.TrainingOptions;
import org.cgformer.stability.api.FoldMetrics;
import org.cgformer.stability.api.RandomForest;
import org.cgformer.stability.api.TargetTransform;
import org.cgformer.structure.api.StructureReader;

/**
 * k-fold cross-validation of graph models (CGCNN, CGformer) and the composition random forest on
 * one Ehull dataset with the same folds. All models fit {@link TargetTransform#forward} of the
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

    private final Dataset dataset;
    private final List<Split> splits;
    private final TargetTransform transform;
    private final PrintWriter log;

    public EhullBenchmark(Dataset dataset, List<Split> splits, TargetTransform transform, PrintWriter log) {
        this.dataset = dataset;
        this.splits = splits;
        this.transform = transform;
        this.log = log;
    }

    /** The same k folds for every model: {@link Splits#kFold} over the dataset's entries with {@code seed}. */
    public static List<Split> folds(Dataset dataset, int k, long seed) {
        return Splits.kFold(dataset.size(), k, seed);
    }

    private double[] targets() {
        return dataset.entries().stream().mapToDouble(Dataset.Entry::target).toArray();
    }

    /** The training part's median for every test structure. */
    public ModelResult median() {
        long t0 = System.nanoTime();
        double[] y = targets();
        Collector collector = new Collector(MEDIAN);
        for (Split split : splits) {
            double median = FoldMetrics.median(split.train().stream().mapToDouble(i -> y[i]).toArray());
            double[] predicted = split.test().stream().mapToDouble(i -> median).toArray();
            collector.add(split, y, predicted);
        }
        return collector.result(t0);
    }

    /** A random forest on the composition features of {@code features.csv}, trained on the transformed targets. */
    public ModelResult forest(Map<String, double[]> features, RandomForest.Builder forest) throws IOException {
        long t0 = System.nanoTime();
        double[] y = targets();
        double[][] x = new double[dataset.size()][];
        for (int i = 0; i < x.length; i++) {
            String id = dataset.entries().get(i).id();
            x[i] = features.get(id);
            if (x[i] == null) {
                throw new IOException(dataset.folder() + ": " + id + " is in id_prop.csv but not in features.csv");
            }
        }
        Collector collector = new Collector(FOREST);
        for (Split split : splits) {
            double[][] trainX = split.train().stream().map(i -> x[i]).toArray(double[][]::new);
            double[] trainY = split.train().stream().mapToDouble(i -> transform.forward(y[i])).toArray();
            RandomForest fitted = forest.fit(trainX, trainY);
            double[] predicted = split.test().stream().mapToDouble(i -> transform.inverse(fitted.predict(x[i]))).toArray();
            collector.add(split, y, predicted);
            log.printf(Locale.ROOT, "%s %s: test MAE %.2f%n", FOREST, split.name(), collector.last().mae());
            log.flush();
        }
        return collector.result(t0);
    }

    /**
     * Trains {@code model} on each fold (10 % of the training part held out for early stopping) and
     * tests it; with {@code output} each fold model goes to {@code output/<fold>} (its model.json
     * records the target transform under metrics.targetTransform) with {@code parity.csv}.
     */
    public ModelResult graphModel(PropertyModel model, Featurizer featurizer, List<StructureReader> readers, TrainingOptions options,
            Path output) throws IOException {
        long t0 = System.nanoTime();
        List<Sample> raw = dataset.samples(featurizer, GraphOptions.defaults(), readers);
        log.printf(Locale.ROOT, "%s: featurized %d structures with %s@%s in %.1f s%n", model.name(), raw.size(), featurizer.name(),
                featurizer.version(), (System.nanoTime() - t0) / 1e9);
        List<Sample> samples = raw.stream().map(s -> new Sample(s.id(), s.graph(), transform.forward(s.target()))).toList();
        double[] y = targets();
        Collector collector = new Collector(model.name());
        for (Split split : splits) {
            List<List<Integer>> parts = Splits.holdOut(split.train(), 0.1, options.seed());
            List<Sample> train = parts.get(0).stream().map(samples::get).toList();
            List<Sample> validation = parts.get(1).stream().map(samples::get).toList();
            List<Sample> test = split.test().stream().map(samples::get).toList();
            log.printf(Locale.ROOT, "%s %s: %d training, %d validation, %d test structures%n", model.name(), split.name(), train.size(),
                    validation.size(), test.size());
            try (TrainedModel trained = model.train(train, validation, null, options, epochPrinter(model.name() + " " + split.name()), null)) {
                double[] predicted = trained.predict(test.stream().map(Sample::graph).toList());
                for (int i = 0; i < predicted.length; i++) {
                    predicted[i] = transform.inverse(predicted[i]);
                }
                collector.add(split, y, predicted);
                log.printf(Locale.ROOT, "%s %s: test MAE %.2f, median AE %.2f%n", model.name(), split.name(), collector.last().mae(),
                        collector.last().medianAe());
                if (output != null) {
                    Path folder = output.resolve(split.name());
                    trained.save(folder);
                    ModelDescriptor d = trained.descriptor().withMetric("targetTransform", transformSpec(transform))
                            .withMetric("testMae", collector.last().mae()).withMetric("testMedianAe", collector.last().medianAe())
                            .withMetric("testStructures", test.size());
                    d.write(folder);
                    writeParity(folder.resolve("parity.csv"), split, y, predicted);
                }
            }
        }
        return collector.result(t0);
    }

    /** The spec {@link TargetTransform#parse} reads back. */
    public static String transformSpec(TargetTransform transform) {
        String name = transform.name();
        return name.startsWith("asinh(y/") ? "asinh:" + name.substring("asinh(y/".length(), name.length() - 1) : name;
    }

    private void writeParity(Path file, Split split, double[] y, double[] predicted) throws IOException {
        StringBuilder csv = new StringBuilder("id,target,predicted,residual\n");
        for (int k = 0; k < predicted.length; k++) {
            int i = split.test().get(k);
            csv.append(dataset.entries().get(i).id()).append(',').append(y[i]).append(',').append(predicted[k]).append(',')
                    .append(predicted[k] - y[i]).append('\n');
        }
        Files.writeString(file, csv);
    }

    private ProgressListener epochPrinter(String prefix) {
        return p -> {
            if (p.endOfEpoch()) {
                long eta = Math.round(p.etaSeconds());
                log.printf(Locale.ROOT, "  %s epoch %d/%d  loss %.4f  val MAE %.4g (transformed)  best %d  %.0f structures/s  ETA %dm%02ds%n",
                        prefix, p.epoch(), p.epochs(), p.trainLoss(), p.validationMae(), p.bestEpoch(), p.structuresPerSecond(), eta / 60,
                        eta % 60);
                log.flush();
            }
        };
    }

    /** Gathers per-fold metrics and the out-of-fold predictions. */
    private final class Collector {
        final String name;
        final List<FoldMetrics> folds = new ArrayList<>();
        final List<String> ids = new ArrayList<>();
        final List<Double> targets = new ArrayList<>();
        final List<Double> predictions = new ArrayList<>();

        Collector(String name) {
            this.name = name;
        }

        void add(Split split, double[] y, double[] predicted) {
            double[] t = split.test().stream().mapToDouble(i -> y[i]).toArray();
            folds.add(FoldMetrics.of(split.name(), t, predicted));
            for (int k = 0; k < predicted.length; k++) {
                ids.add(dataset.entries().get(split.test().get(k)).id());
                targets.add(t[k]);
                predictions.add(predicted[k]);
            }
        }

        FoldMetrics last() {
            return folds.get(folds.size() - 1);
        }

        ModelResult result(long t0) {
            return new ModelResult(name, List.copyOf(folds), List.copyOf(ids), List.copyOf(targets), List.copyOf(predictions),
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
