package org.cgformer.cli.internal;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.cgformer.ml.api.TrainedModel;
import org.cgformer.ml.api.TrainingOptions;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cgformer train DIR --model NAME -o OUT}: one model, or one per fold with metrics.json. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false, description = {
    "Train a property model on a dataset in CGCNN's layout (DIR/id_prop.csv with lines id,target and DIR/id.cif).",
    "Without --folds/--kfold: one model in OUT (model.json + parameters.djl), validated on a held-out fraction.",
    "With --folds FILE (Matbench folds.json) or --kfold K: one model per fold in OUT/fold_*, each with parity.csv, "
            + "and OUT/metrics.json with per-fold and mean +- std MAE, RMSE and R2."})
public class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Dataset folder (id_prop.csv + structure files).")
    Path data;

    @Option(names = "--model", defaultValue = "cgformer", paramLabel = "NAME", description = "Model type (default ${DEFAULT-VALUE}; see 'cgformer models').")
    String modelName;

    @Option(names = "--featurizer", paramLabel = "NAME[@VERSION]", description = "Featurizer (default: the model's).")
    String featurizerName;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "Output folder (created).")
    Path output;

    @Option(names = "--folds", paramLabel = "FILE", description = "Predefined test folds (Matbench folds.json).")
    Path folds;

    @Option(names = "--kfold", paramLabel = "K", description = "K-fold cross-validation (the article uses 10).")
    Integer kfold;

    @Option(names = "--epochs", defaultValue = "100", description = "Most epochs (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "64", description = "Structures per batch (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--lr", defaultValue = "0.003", description = "Adam learning rate (default ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--patience", defaultValue = "30", description = "Early stopping: epochs without a better validation MAE (default ${DEFAULT-VALUE}; 0 = off).")
    int patience;

    @Option(names = "--validation", defaultValue = "0.1", description = "Fraction of the training part held out for validation (default ${DEFAULT-VALUE}).")
    double validationFraction;

    @Option(names = "--seed", defaultValue = "42", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Hyper-parameter, e.g. --set hiddenSize=128 (repeatable).")
    Map<String, String> hyperParameters;

    private final ModelTools tools;

    TrainCommand(ModelTools tools) {
        this.tools = tools;
    }

    static ObjectNode parse(Map<String, String> values) {
        ObjectNode hp = JsonNodeFactory.instance.objectNode();
        if (values != null) {
            values.forEach((k, v) -> {
                try {
                    hp.put(k, Integer.parseInt(v));
                } catch (NumberFormatException e) {
                    try {
                        hp.put(k, Double.parseDouble(v));
                    } catch (NumberFormatException e2) {
                        hp.put(k, v);
                    }
                }
            });
        }
        return hp;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (folds != null && kfold != null) {
            throw new ParameterException(spec.commandLine(), "give --folds or --kfold, not both");
        }
        PropertyModel model;
        TrainingOptions options;
        try {
            model = tools.model(modelName);
            options = new TrainingOptions(epochs, batchSize, learningRate, 0, patience, seed);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Featurizer featurizer = tools.featurizer(featurizerName != null ? featurizerName : model.defaultFeaturizer());
        Dataset dataset = Dataset.read(data);
        List<Sample> samples = tools.samples(dataset, featurizer, err);
        ObjectNode hp = parse(hyperParameters);
        Files.createDirectories(output);
        if (folds == null && kfold == null) {
            List<List<Integer>> parts = Splits.holdOut(java.util.stream.IntStream.range(0, samples.size()).boxed().toList(),
                    validationFraction, seed);
            List<Sample> validation = ModelTools.pick(samples, parts.get(1));
            try (TrainedModel trained = tools.train(model, ModelTools.pick(samples, parts.get(0)), validation, hp, options,
                    ModelTools.epochPrinter(err, ""))) {
                trained.save(output);
                Metrics m = Metrics.of(validation.stream().mapToDouble(Sample::target).toArray(),
                        trained.predict(validation.stream().map(Sample::graph).toList()));
                out.printf(Locale.ROOT, "%s model in %s: validation MAE %.4g, RMSE %.4g, R2 %.3f on %d structures%n", model.name(), output,
                        m.mae(), m.rmse(), m.r2(), m.count());
            }
            return 0;
        }
        List<Split> splits = folds != null ? Splits.predefined(folds, dataset.ids()) : Splits.kFold(samples.size(), kfold, seed);
        List<ModelTools.FoldResult> results = tools.crossValidate(model, samples, splits, hp, options, validationFraction, output, err);
        ModelTools.writeMetrics(output, model, results);
        double[] mae = results.stream().mapToDouble(r -> r.metrics().mae()).toArray();
        double[] ms = Metrics.meanStd(mae);
        for (ModelTools.FoldResult r : results) {
            out.printf(Locale.ROOT, "%-8s MAE %.4g  RMSE %.4g  R2 %.3f  (%d test)%n", r.name(), r.metrics().mae(), r.metrics().rmse(),
                    r.metrics().r2(), r.metrics().count());
        }
        out.printf(Locale.ROOT, "%s, %d folds: MAE %.4g +- %.2g; models and metrics.json in %s%n", model.name(), results.size(), ms[0], ms[1],
                output);
        return 0;
    }
}
