package org.cgformer.stability.cli.internal;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.cgformer.cli.options.TrainingOptionsMixin;
import org.cgformer.ml.api.Dataset;
import org.cgformer.ml.api.PropertyModel;
import org.cgformer.ml.api.Sample;
import org.cgformer.ml.api.Split;
import org.cgformer.ml.api.TrainingOptions;
import org.cgformer.ml.api.TrainingProgress;
import org.cgformer.ml.training.LabelledData;
import org.cgformer.ml.training.TrainingMonitor;
import org.cgformer.ml.training.TrainingService;
import org.cgformer.stability.api.FoldMetrics;
import org.cgformer.stability.api.RandomForest;
import org.cgformer.stability.api.TargetTransform;
import org.cgformer.stability.ehull.EhullBenchmark;
import org.cgformer.stability.ehull.EhullBenchmark.ModelResult;
import org.cgformer.stability.ehull.EhullDatasetWriter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cgformer bench ehull DIR}: k-fold CV of CGformer, CGCNN and the composition forest on the same folds. */
@Command(name = "ehull", mixinStandardHelpOptions = true, sortOptions = false, description = {
    "Cross-validate stability (Ehull) models on a dataset written by 'cgformer dataset ehull' (DIR with id_prop.csv, CIFs, features.csv): "
            + "the graph models on the generated structures, a random forest on the composition features and the training median, all on "
            + "the same k folds; print MAE and median absolute error (meV/atom) per model and write OUT/metrics.json.",
    "Every model fits the transformed targets (--transform, default asinh:100, see docs/stability.md); errors are on the original scale.",
    "Bench defaults, used where the option is not given: --epochs 30 --batch-size 32 --patience 10; the other training options "
            + "(--loss, --schedule, --warmup, ...) are train's."})
public class BenchEhullCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Dataset folder from 'cgformer dataset ehull'.")
    Path folder;

    @Option(names = "--models", defaultValue = "cgformer,cgcnn,forest", split = ",", description = "Models (default ${DEFAULT-VALUE}; "
            + "the training median is always listed).")
    List<String> modelNames;

    @Option(names = "--featurizer", paramLabel = "NAME[@VERSION]", description = "Featurizer of every graph model, so that they are "
            + "compared on the same graphs (default: each model's own, see 'cgformer models').")
    String featurizerName;

    @Option(names = "--folds", defaultValue = "5", paramLabel = "K", description = "Number of folds (default ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--max-folds", paramLabel = "N", description = "Run only the first N folds (a quick look; the table says so).")
    Integer maxFolds;

    @Mixin
    TrainingOptionsMixin trainingOptions;

    @Option(names = "--transform", defaultValue = "asinh:100", description = "Target transform: identity | asinh:SCALE (default ${DEFAULT-VALUE}).")
    String transformSpec;

    @Option(names = "--trees", defaultValue = "200", description = "Trees of the random forest (default ${DEFAULT-VALUE}).")
    int trees;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "Write OUT/metrics.json, OUT/<model>/fold_*/ (models, parity.csv).")
    Path output;

    /**
     * Options whose default here differs from train's: the runs of docs/stability.md, short enough for all 3104 rows on two
     * cores.
     */
    static final Map<String, String> BENCH_DEFAULTS = Map.of("--epochs", "30", "--batch-size", "32", "--patience", "10");

    private final TrainingService training;

    BenchEhullCommand(TrainingService training) {
        this.training = training;
    }

    @Override
    public Integer call() throws Exception {
        TrainingOptionsMixin.defaults(spec, BENCH_DEFAULTS);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TrainingOptions options;
        try {
            options = trainingOptions.options();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        long seed = options.seed();
        TargetTransform transform = TargetTransform.parse(transformSpec);
        TrainingMonitor monitor = monitor(err);
        List<String> graphModels = modelNames.stream().map(String::strip).filter(n -> !n.equals(EhullBenchmark.FOREST)).toList();
        // featurize once per featurizer; every model is then tested on the structures all featurizers could read
        Map<String, LabelledData> byFeaturizer = new LinkedHashMap<>();
        List<LabelledData> perModel = new ArrayList<>();
        for (String name : graphModels) {
            PropertyModel model = training.model(name);
            String spec = featurizerName != null ? featurizerName.strip() : model.defaultFeaturizer();
            if (!byFeaturizer.containsKey(spec)) {
                LabelledData data = training.loadDataset(folder, training.featurizer(spec), output == null ? null : output.resolve("graphs"),
                        monitor);
                data.refused().forEach(r -> err.println("refused " + r.id() + ": " + r.reason()));
                byFeaturizer.put(spec, data);
            }
            perModel.add(byFeaturizer.get(spec));
        }
        List<String> ids;
        double[] targets;
        if (perModel.isEmpty()) {
            Dataset dataset = Dataset.read(folder);
            ids = dataset.ids();
            targets = dataset.entries().stream().mapToDouble(Dataset.Entry::target).toArray();
        } else {
            perModel = EhullBenchmark.common(perModel);
            ids = perModel.get(0).ids();
            targets = perModel.get(0).samples().stream().mapToDouble(Sample::target).toArray();
        }
        List<Split> splits = EhullBenchmark.folds(ids.size(), k, seed);
        if (maxFolds != null && maxFolds < splits.size()) {
            splits = splits.subList(0, maxFolds);
        }
        EhullBenchmark bench = new EhullBenchmark(ids, targets, splits, transform, err);
        List<ModelResult> results = new ArrayList<>();
        results.add(bench.median());
        int graph = 0;
        for (String raw : modelNames) {
            String name = raw.strip();
            if (name.equals(EhullBenchmark.FOREST)) {
                results.add(bench.forest(EhullDatasetWriter.readFeatures(folder), RandomForest.builder().optTrees(trees).optSeed(seed)));
            } else {
                PropertyModel model = training.model(name);
                Path modelOutput = output == null ? null : Files.createDirectories(output.resolve(model.name()));
                results.add(bench.graphModel(training, model, perModel.get(graph++), options, modelOutput, monitor));
            }
        }
        out.printf(Locale.ROOT, "%s: %d structures, %d of %d folds (seed %d), targets %s, %s%n", folder, ids.size(), splits.size(), k, seed,
                transform.name(), options.summary());
        out.printf(Locale.ROOT, "%-10s %-18s %-18s %-36s %s%n", "model", "MAE (meV/atom)", "median AE", "MAE per fold", "time (s)");
        for (ModelResult r : results) {
            double[] mae = r.meanStd(FoldMetrics::mae);
            double[] median = r.meanStd(FoldMetrics::medianAe);
            StringBuilder per = new StringBuilder();
            r.folds().forEach(f -> per.append(per.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.1f", f.mae())));
            out.printf(Locale.ROOT, "%-10s %-18s %-18s %-36s %.0f%n", r.model(), String.format(Locale.ROOT, "%.2f +- %.2f", mae[0], mae[1]),
                    String.format(Locale.ROOT, "%.2f +- %.2f", median[0], median[1]), per, r.seconds());
        }
        if (output != null) {
            Files.createDirectories(output);
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("dataset", folder.toAbsolutePath().normalize().toString());
            settings.put("structures", ids.size());
            settings.put("folds", k);
            settings.put("foldsRun", splits.size());
            settings.put("seed", seed);
            settings.put("targetTransform", EhullBenchmark.transformSpec(transform));
            settings.put("epochs", options.epochs());
            settings.put("batchSize", options.batchSize());
            settings.put("learningRate", options.learningRate());
            settings.put("patience", options.patience());
            settings.put("training", options.summary());
            settings.put("trees", trees);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(output.resolve("metrics.json").toFile(),
                    EhullBenchmark.metricsJson(results, settings));
            out.println("metrics in " + output.resolve("metrics.json"));
        }
        return 0;
    }

    /** Messages, and one line per epoch with the ETA. */
    private static TrainingMonitor monitor(PrintWriter err) {
        return new TrainingMonitor() {
            @Override
            public void message(String line) {
                err.println(line);
                err.flush();
            }

            @Override
            public void work(String task, int done, int total, double etaSeconds) {
                if (done == total || done % Math.max(1, total / 10) == 0) {
                    err.printf(Locale.ROOT, "%s %d/%d  ETA %.0f s%n", task, done, total, etaSeconds);
                    err.flush();
                }
            }

            @Override
            public void progress(String task, TrainingProgress p) {
                if (p.endOfEpoch()) {
                    long eta = Math.round(p.etaSeconds());
                    err.printf(Locale.ROOT, "  %s epoch %d/%d  loss %.4f  val MAE %.4g (transformed)  best %d  %.0f structures/s  ETA %dm%02ds%n",
                            task, p.epoch(), p.epochs(), p.trainLoss(), p.validationMae(), p.bestEpoch(), p.structuresPerSecond(), eta / 60,
                            eta % 60);
                    err.flush();
                }
            }
        };
    }
}
