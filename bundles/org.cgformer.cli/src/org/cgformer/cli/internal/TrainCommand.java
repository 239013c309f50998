package org.cgformer.cli.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.cgformer.cli.options.TrainingOptionsMixin;
import org.cgformer.graph.api.FeaturizationException;
import org.cgformer.graph.api.Featurizer;
import org.cgformer.ml.api.PropertyModel;
import org.cgformer.ml.api.Split;
import org.cgformer.ml.api.TrainingOptions;
import org.cgformer.ml.training.LabelledData;
import org.cgformer.ml.training.TrainingJob;
import org.cgformer.ml.training.TrainingMonitor;
import org.cgformer.ml.training.TrainingResult;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
            + "and OUT/metrics.json with per-fold and mean +- std MAE, RMSE and R2; --final adds a model on all data in OUT/final.",
    "Run again with the same OUT after a crash or Ctrl-C: finished folds are reused and the interrupted one continues "
            + "from its checkpoint (OUT/<fold>/checkpoint, written every epoch); --fresh trains everything again.",
    "Structures that cannot be read or featurized are reported and left out."})
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

    @Option(names = "--final", description = "With --folds/--kfold: also train one model on all data (OUT/final).")
    boolean finalModel;

    @Option(names = "--validation", defaultValue = "0.1", description = "Fraction of the training part held out for validation (default ${DEFAULT-VALUE}).")
    double validationFraction;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Hyper-parameter, e.g. --set hiddenSize=128 (repeatable; see 'cgformer models').")
    Map<String, String> hyperParameters;

    @Option(names = "--fresh", description = "Train everything again instead of reusing finished folds and checkpoints in OUT.")
    boolean fresh;

    @Option(names = "--graph-cache", paramLabel = "DIR", description = "Cache the graphs in DIR (reused by later runs on the same files).")
    Path graphCache;

    @Mixin
    TrainingOptionsMixin training;

    private final ModelTools tools;

    TrainCommand(ModelTools tools) {
        this.tools = tools;
    }

    @Override
    public Integer call() throws Exception {
        if (folds != null && kfold != null) {
            throw new ParameterException(spec.commandLine(), "give --folds or --kfold, not both");
        }
        if (finalModel && folds == null && kfold == null) {
            throw new ParameterException(spec.commandLine(), "--final needs --folds or --kfold (without them the one model is trained on all data)");
        }
        PropertyModel model;
        TrainingOptions options;
        Featurizer featurizer;
        try {
            model = tools.service.model(modelName);
            options = training.options();
            featurizer = tools.service.featurizer(featurizerName != null ? featurizerName : model.defaultFeaturizer());
        } catch (IllegalArgumentException | FeaturizationException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        TrainingMonitor monitor = ModelTools.monitor(spec.commandLine().getErr());
        LabelledData dataset = tools.service.loadDataset(data, featurizer, graphCache, monitor);
        List<Split> splits = folds != null ? tools.service.folds(dataset, folds)
                : kfold != null ? tools.service.kFold(dataset, kfold, options.seed()) : null;
        TrainingJob job;
        try {
            job = TrainingJob.train(model, dataset).hyperParameters(ModelTools.hyperParameters(hyperParameters)).options(options)
                    .splits(splits).validationFraction(validationFraction).finalModel(finalModel).output(output).resume(!fresh).build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        TrainingResult result = tools.service.run(job, monitor);
        ModelTools.print(spec.commandLine().getOut(), result);
        return dataset.refused().isEmpty() ? 0 : 1;
    }
}
