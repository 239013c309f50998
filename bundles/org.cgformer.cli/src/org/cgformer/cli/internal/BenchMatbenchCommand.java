package org.cgformer.cli.internal;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.cgformer.graph.api.Featurizer;
import org.cgformer.ml.api.Dataset;
import org.cgformer.ml.api.Metrics;
import org.cgformer.ml.api.PropertyModel;
import org.cgformer.ml.api.Sample;
import org.cgformer.ml.api.Split;
import org.cgformer.ml.api.Splits;
import org.cgformer.ml.api.TrainingOptions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cgformer bench matbench --task DIR}: our models on a Matbench task's official folds, next to the leaderboard. */
@Command(name = "matbench", mixinStandardHelpOptions = true, sortOptions = false, description = {
    "Train each model on the official folds of a Matbench task (DIR with id_prop.csv, folds.json and CIFs), "
            + "test on each fold and print the mean MAE next to the published leaderboard, with training and inference throughput.",
    "Published numbers: matbench_jdft2d, Matbench v0.1 leaderboard (../shared/data/README.md)."})
public class BenchMatbenchCommand implements Callable<Integer> {

    /** Matbench v0.1 leaderboard, matbench_jdft2d, mean MAE over the 5 folds (meV/atom), as listed in ../shared/data/README.md. */
    static final Map<String, Double> PUBLISHED_JDFT2D = new LinkedHashMap<>();

    static {
        PUBLISHED_JDFT2D.put("Dummy", 67.29);
        PUBLISHED_JDFT2D.put("MEGNet", 54.17);
        PUBLISHED_JDFT2D.put("CGCNN", 49.24);
        PUBLISHED_JDFT2D.put("ALIGNN", 43.42);
        PUBLISHED_JDFT2D.put("SchNet", 42.66);
        PUBLISHED_JDFT2D.put("coGN", 37.17);
        PUBLISHED_JDFT2D.put("coNGN", 36.17);
    }

    @Spec
    CommandSpec spec;

    /** The published MAE of the model of the same name (any case), e.g. "SchNet 42.66", or "-". */
    static String published(String model) {
        return PUBLISHED_JDFT2D.entrySet().stream().filter(p -> p.getKey().equalsIgnoreCase(model)).findFirst()
                .map(p -> String.format(Locale.ROOT, "%s %.2f", p.getKey(), p.getValue())).orElse("-");
    }

    @Option(names = "--task", required = true, paramLabel = "DIR", description = "Matbench task folder (id_prop.csv, folds.json, CIFs).")
    Path task;

    @Option(names = "--models", split = ",", paramLabel = "NAME[,NAME...]",
            description = "Models to run (default: every installed model, see 'cgformer models').")
    List<String> modelNames;

    @Option(names = "--epochs", defaultValue = "100", description = "Most epochs per fold (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "64", description = "Batch size (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--lr", defaultValue = "0.003", description = "Adam learning rate (default ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--patience", defaultValue = "30", description = "Early-stopping patience (default ${DEFAULT-VALUE}).")
    int patience;

    @Option(names = "--max-folds", paramLabel = "N", description = "Run only the first N folds (a quick look; the table says so).")
    Integer maxFolds;

    @Option(names = "--seed", defaultValue = "42", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "Keep the fold models, parity data and metrics.json in OUT/<model>.")
    Path output;

    private final ModelTools tools;

    BenchMatbenchCommand(ModelTools tools) {
        this.tools = tools;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Dataset dataset = Dataset.read(task);
        List<Split> splits = Splits.predefined(task.resolve("folds.json"), dataset.ids());
        if (maxFolds != null && maxFolds < splits.size()) {
            splits = splits.subList(0, maxFolds);
        }
        TrainingOptions options = new TrainingOptions(epochs, batchSize, learningRate, 0, patience, seed);
        Map<String, List<ModelTools.FoldResult>> all = new LinkedHashMap<>();
        List<String> names = modelNames != null ? modelNames : tools.models.stream().map(PropertyModel::name).sorted().toList();
        if (names.isEmpty()) {
            throw new IllegalStateException("no property models are installed");
        }
        for (String name : names) {
            PropertyModel model = tools.model(name.strip());
            Featurizer featurizer = tools.featurizer(model.defaultFeaturizer());
            List<Sample> samples = tools.samples(dataset, featurizer, err);
            Path folder = output == null ? null : Files.createDirectories(output.resolve(model.name()));
            List<ModelTools.FoldResult> results = tools.crossValidate(model, samples, splits, null, options, 0.1, folder, err);
            if (folder != null) {
                ModelTools.writeMetrics(folder, model, results);
            }
            all.put(model.name(), results);
        }
        String taskName = task.getFileName().toString();
        out.printf(Locale.ROOT, "%s, %d of 5 official folds, up to %d epochs, batch %d, lr %g, 10%% of each training part for validation%n",
                taskName, splits.size(), epochs, batchSize, learningRate);
        boolean jdft2d = taskName.equals("matbench_jdft2d");
        out.printf(Locale.ROOT, "%-15s %-16s %-26s %-15s %-19s %s%n", "model", "mean MAE", "MAE per fold", "train struct/s", "inference struct/s",
                jdft2d ? "published" : "");
        for (Map.Entry<String, List<ModelTools.FoldResult>> e : all.entrySet()) {
            List<ModelTools.FoldResult> r = e.getValue();
            double[] ms = Metrics.meanStd(r.stream().mapToDouble(f -> f.metrics().mae()).toArray());
            StringBuilder per = new StringBuilder();
            for (ModelTools.FoldResult f : r) {
                per.append(per.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.1f", f.metrics().mae()));
            }
            double train = r.stream().mapToDouble(ModelTools.FoldResult::trainPerSecond).average().orElse(Double.NaN);
            double infer = r.stream().mapToDouble(ModelTools.FoldResult::inferPerSecond).average().orElse(Double.NaN);
            out.printf(Locale.ROOT, "%-15s %-16s %-26s %-15.0f %-19.0f %s%n", "ours " + e.getKey(),
                    String.format(Locale.ROOT, "%.2f +- %.2f", ms[0], ms[1]), per, train, infer, jdft2d ? published(e.getKey()) : "");
        }
        if (jdft2d) {
            out.println("published (Matbench v0.1 leaderboard, mean MAE meV/atom):");
            PUBLISHED_JDFT2D.forEach((k, v) -> out.printf(Locale.ROOT, "%-15s %.2f%n", k, v));
        }
        return 0;
    }
}
