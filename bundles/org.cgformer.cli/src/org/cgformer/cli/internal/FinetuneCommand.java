package org.cgformer.cli.internal;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import org.cgformer.cli.options.TrainingOptionsMixin;
import org.cgformer.graph.api.Featurizer;
import org.cgformer.ml.api.FineTuning;
import org.cgformer.ml.api.Split;
import org.cgformer.ml.api.TrainingOptions;
import org.cgformer.ml.training.Ensemble;
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

/** {@code cgformer finetune --from MODEL DIR -o OUT}: transfer learning from a pre-trained model. */
@Command(name = "finetune", mixinStandardHelpOptions = true, sortOptions = false, description = {
    "Fine-tune a pre-trained model (transfer learning) on a dataset in CGCNN's layout: start from its parameters, "
            + "keep or re-initialise its output head (--reset-head), keep layer groups frozen (--freeze), with its own "
            + "learning rate and epochs. The parent's hyper-parameters and featurizer are used.",
    "MODEL may be one model folder or a folder of fold models: then the fold with the best validation MAE is used (and named).",
    "Output as for 'cgformer train' (one model, or --folds/--kfold with metrics.json); model.json records the parent "
            + "(path, model, version, parameters SHA-256)."})
public class FinetuneCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "MODEL", description = "Pre-trained model folder (or folder of fold models).")
    Path parent;

    @Parameters(index = "0", paramLabel = "DIR", description = "Dataset folder (id_prop.csv + structure files).")
    Path data;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "Output folder (created).")
    Path output;

    @Option(names = "--folds", paramLabel = "FILE", description = "Predefined test folds (Matbench folds.json).")
    Path folds;

    @Option(names = "--kfold", paramLabel = "K", description = "K-fold cross-validation.")
    Integer kfold;

    @Option(names = "--reset-head", description = "Re-initialise the output head instead of keeping the parent's.")
    boolean resetHead;

    @Option(names = "--freeze", split = ",", paramLabel = "GROUP", description = "Layer groups to keep frozen, e.g. embedding,conv,attention "
            + "(see 'cgformer models').")
    List<String> freeze;

    @Option(names = "--validation", defaultValue = "0.1", description = "Fraction of the training part held out for validation (default ${DEFAULT-VALUE}).")
    double validationFraction;

    @Option(names = "--fresh", description = "Train everything again instead of reusing finished folds and checkpoints in OUT.")
    boolean fresh;

    @Option(names = "--graph-cache", paramLabel = "DIR", description = "Cache the graphs in DIR.")
    Path graphCache;

    @Mixin
    TrainingOptionsMixin training;

    private final ModelTools tools;

    FinetuneCommand(ModelTools tools) {
        this.tools = tools;
    }

    @Override
    public Integer call() throws Exception {
        if (folds != null && kfold != null) {
            throw new ParameterException(spec.commandLine(), "give --folds or --kfold, not both");
        }
        TrainingOptions options;
        try {
            options = training.options();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Featurizer featurizer;
        try (Ensemble parents = tools.service.loadEnsemble(parent, false)) {
            featurizer = parents.featurizer();
            Set<String> groups = tools.service.model(parents.best().model().descriptor().model()).layerGroups();
            for (String g : freeze == null ? List.<String>of() : freeze) {
                if (!groups.contains(g.strip())) {
                    throw new ParameterException(spec.commandLine(), "--freeze " + g + ": the model has the layer groups " + groups);
                }
            }
        }
        TrainingMonitor monitor = ModelTools.monitor(spec.commandLine().getErr());
        LabelledData dataset = tools.service.loadDataset(data, featurizer, graphCache, monitor);
        List<Split> splits = folds != null ? tools.service.folds(dataset, folds)
                : kfold != null ? tools.service.kFold(dataset, kfold, options.seed()) : null;
        Set<String> frozen = new LinkedHashSet<>();
        if (freeze != null) {
            freeze.forEach(g -> frozen.add(g.strip()));
        }
        TrainingJob job;
        try {
            job = TrainingJob.fineTune(parent, dataset).fineTuning(new FineTuning(resetHead, frozen)).options(options).splits(splits)
                    .validationFraction(validationFraction).output(output).resume(!fresh).build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        TrainingResult result = tools.service.run(job, monitor);
        ModelTools.print(spec.commandLine().getOut(), result);
        return dataset.refused().isEmpty() ? 0 : 1;
    }
}
