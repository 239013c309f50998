package org.cgformer.stability.internal.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.cgformer.graph.api.FeaturizerRegistry;
import org.cgformer.ml.api.Dataset;
import org.cgformer.ml.api.PropertyModel;
import org.cgformer.ml.api.Split;
import org.cgformer.ml.api.TrainingOptions;
import org.cgformer.stability.api.FoldMetrics;
import org.cgformer.stability.api.RandomForest;
import org.cgformer.stability.api.TargetTransform;
import org.cgformer.stability.internal.EhullBenchmark;
import org.cgformer.stability.internal.EhullBenchmark.ModelResult;
import org.cgformer.stability.internal.EhullDatasetWriter;
import org.cgformer.structure.api.StructureReader;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cgformer bench ehull DIR}: k-fold CV of CGformer, CGCNN and the composition forest on the same folds. */
@Command(name = "ehull", mixinStandardHelpOptions = true, sortOptions = false, description = {
    "Cross-validate stability (Ehull) models on a dataset written by 'cgformer dataset ehull' (DIR with id_prop.csv, CIFs, features.csv): "
            + "the graph models on the generated structures, a random forest on the composition features and the training median, all on "
            + "the same k folds; print MAE and median absolute error (meV/atom) per model and write OUT/metrics.json.",
    "Every model fits the transformed targets (--transform, default asinh:100, see docs/stability.md); errors are on the original scale."})
public class BenchEhullCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Dataset folder from 'cgformer dataset ehull'.")
    Path folder;

    @Option(names = "--models", defaultValue = "cgformer,cgcnn,forest", split = ",", description = "Models (default ${DEFAULT-VALUE}; "
            + "the training median is always listed).")
    List<String> modelNames;

    @Option(names = "--folds", defaultValue = "5", paramLabel = "K", description = "Number of folds (default ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--max-folds", paramLabel = "N", description = "Run only the first N folds (a quick look; the table says so).")
    Integer maxFolds;

    @Option(names = "--epochs", defaultValue = "30", description = "Most epochs per fold (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "32", description = "Batch size (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--lr", defaultValue = "0.003", description = "Adam learning rate (default ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--patience", defaultValue = "10", description = "Early-stopping patience (default ${DEFAULT-VALUE}).")
    int patience;

    @Option(names = "--transform", defaultValue = "asinh:100", description = "Target transform: identity | asinh:SCALE (default ${DEFAULT-VALUE}).")
    String transformSpec;

    @Option(names = "--trees", defaultValue = "200", description = "Trees of the random forest (default ${DEFAULT-VALUE}).")
    int trees;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the folds, the hold-outs and training (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "Write OUT/metrics.json, OUT/<model>/fold_*/ (models, parity.csv).")
    Path output;

    private final List<StructureReader> readers;
    private final List<PropertyModel> models;
    private final FeaturizerRegistry registry;

    BenchEhullCommand(List<StructureReader> readers, List<PropertyModel> models, FeaturizerRegistry registry) {
        this.readers = readers;
        this.models = models;
        this.registry = registry;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TargetTransform transform = TargetTransform.parse(transformSpec);
        Dataset dataset = Dataset.read(folder);
        List<Split> splits = EhullBenchmark.folds(dataset, k, seed);
        if (maxFolds != null && maxFolds < splits.size()) {
            splits = splits.subList(0, maxFolds);
        }
        TrainingOptions options = new TrainingOptions(epochs, batchSize, learningRate, 0, patience, seed);
        EhullBenchmark bench = new EhullBenchmark(dataset, splits, transform, err);
        List<ModelResult> results = new ArrayList<>();
        results.add(bench.median());
        for (String raw : modelNames) {
            String name = raw.strip();
            if (name.equals(EhullBenchmark.FOREST)) {
                results.add(bench.forest(EhullDatasetWriter.readFeatures(folder), RandomForest.builder().optTrees(trees).optSeed(seed)));
            } else {
                PropertyModel model = model(name);
                Path modelOutput = output == null ? null : Files.createDirectories(output.resolve(model.name()));
                results.add(bench.graphModel(model, registry.get(model.defaultFeaturizer()), readers, options, modelOutput));
            }
        }
        out.printf(Locale.ROOT, "%s: %d structures, %d of %d folds (seed %d), targets %s, up to %d epochs, batch %d, lr %g, patience %d%n",
                folder, dataset.size(), splits.size(), k, seed, transform.name(), epochs, batchSize, learningRate, patience);
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
            settings.put("structures", dataset.size());
            settings.put("folds", k);
            settings.put("foldsRun", splits.size());
            settings.put("seed", seed);
            settings.put("targetTransform", EhullBenchmark.transformSpec(transform));
            settings.put("epochs", epochs);
            settings.put("batchSize", batchSize);
            settings.put("learningRate", learningRate);
            settings.put("patience", patience);
            settings.put("trees", trees);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(output.resolve("metrics.json").toFile(),
                    EhullBenchmark.metricsJson(results, settings));
            out.println("metrics in " + output.resolve("metrics.json"));
        }
        return 0;
    }

    private PropertyModel model(String name) {
        return models.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow(() -> new IllegalArgumentException("no model '"
                + name + "' is installed; installed: " + String.join(", ", models.stream().map(PropertyModel::name).sorted().toList())
                + ", and " + EhullBenchmark.FOREST));
    }
}
