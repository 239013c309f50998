package org.cgformer.cli.internal;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.cgformer.cli.options.TrainingOptionsMixin;
import org.cgformer.graph.api.Featurizer;
import org.cgformer.ml.api.Metrics;
import org.cgformer.ml.api.PropertyModel;
import org.cgformer.ml.api.Split;
import org.cgformer.ml.api.TrainingOptions;
import org.cgformer.ml.training.FoldResult;
import org.cgformer.ml.training.LabelledData;
import org.cgformer.ml.training.TrainingJob;
import org.cgformer.ml.training.TrainingMonitor;
import org.cgformer.ml.training.TrainingResult;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cgformer bench matbench --task DIR}: our models on a Matbench task's official folds, next to the leaderboard. */
@Command(name = "matbench", mixinStandardHelpOptions = true, sortOptions = false, description = {
    "Train each model on the official folds of a Matbench task (DIR with id_prop.csv, folds.json and CIFs), "
            + "test on each fold and print the mean MAE next to the published leaderboard, with training and inference throughput.",
    "Published numbers: matbench_jdft2d, Matbench v0.1 leaderboard (../shared/data/README.md).",
    "Bench defaults (the settings that reached the published CGCNN on matbench_jdft2d; see docs/models.md), used where "
            + "the option is not given: --epochs 80 --patience 25 --loss l1 --schedule cosine --warmup 3."})
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

    @Mixin
    TrainingOptionsMixin training;

    @Option(names = "--max-folds", paramLabel = "N", description = "Run only the first N folds (a quick look; the table says so).")
    Integer maxFolds;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "Keep the fold models, parity data and metrics.json in OUT/<model>.")
    Path output;

    private final ModelTools tools;

    BenchMatbenchCommand(ModelTools tools) {
        this.tools = tools;
    }

    @Option(names = "--graph-cache", paramLabel = "DIR", description = "Cache the graphs in DIR.")
    Path graphCache;

    /** Options whose bench default differs from train's, with the bench value (exfoliation energies are heavy-tailed). */
    static final Map<String, String> BENCH_DEFAULTS = Map.of("--epochs", "80", "--patience", "25", "--loss", "l1", "--schedule", "cosine",
            "--warmup", "3");

    @Override
    public Integer call() throws Exception {
        TrainingOptionsMixin.defaults(spec, BENCH_DEFAULTS);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TrainingOptions options;
        List<PropertyModel> models = new ArrayList<>();
        try {
            options = training.options();
            List<String> names = modelNames != null ? modelNames : tools.service.models().stream().map(PropertyModel::name).toList();
            for (String name : names) {
                models.add(tools.service.model(name.strip()));
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (models.isEmpty()) {
            throw new IllegalStateException("no property models are installed");
        }
        TrainingMonitor monitor = ModelTools.monitor(err);
        Map<String, TrainingResult> all = new LinkedHashMap<>();
        int folds = 0;
        for (PropertyModel model : models) {
            Featurizer featurizer = tools.service.featurizer(model.defaultFeaturizer());
            LabelledData data = tools.service.loadDataset(task, featurizer, graphCache, monitor);
            List<Split> splits = tools.service.folds(data, task.resolve("folds.json"));
            if (maxFolds != null && maxFolds < splits.size()) {
                splits = splits.subList(0, maxFolds);
            }
            folds = splits.size();
            Path folder = output == null ? null : output.resolve(model.name());
            all.put(model.name(), tools.service.run(TrainingJob.train(model, data).options(options).splits(splits).output(folder)
                    .resume(false).build(), monitor));
        }
        String taskName = task.getFileName().toString();
        out.printf(Locale.ROOT, "%s, %d of 5 official folds, %s, 10%% of each training part for validation%n", taskName, folds,
                options.summary());
        boolean jdft2d = taskName.equals("matbench_jdft2d");
        out.printf(Locale.ROOT, "%-15s %-16s %-26s %-15s %-19s %s%n", "model", "mean MAE", "MAE per fold", "train struct/s", "inference struct/s",
                jdft2d ? "published" : "");
        for (Map.Entry<String, TrainingResult> e : all.entrySet()) {
            List<FoldResult> r = e.getValue().folds();
            double[] ms = e.getValue().meanStd(Metrics::mae);
            StringBuilder per = new StringBuilder();
            for (FoldResult f : r) {
                per.append(per.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.1f", f.metrics().mae()));
            }
            double train = r.stream().mapToDouble(FoldResult::trainingStructuresPerSecond).average().orElse(Double.NaN);
            double infer = r.stream().mapToDouble(FoldResult::inferenceStructuresPerSecond).average().orElse(Double.NaN);
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
