package org.cgformer.cli.internal;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.cgformer.ml.training.Ensemble;
import org.cgformer.ml.training.EnsemblePrediction;
import org.cgformer.ml.training.GraphSet;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cgformer predict MODEL FILE|DIR…}: predictions of one model, or the mean and spread of a fold ensemble. */
@Command(name = "predict", mixinStandardHelpOptions = true, description = {
    "Predict the property of structure files with a trained model folder (model.json + parameters.djl).",
    "A folder of fold models (the output of 'cgformer train --folds/--kfold') predicts as an ensemble: the mean and the "
            + "standard deviation over the folds; --final uses the model trained on all data (OUT/final) instead.",
    "Models trained on transformed targets (model.json metric targetTransform, e.g. the Ehull models' asinh:100) predict in "
            + "the targets' own units (meV/atom): each model's prediction is transformed back before mean and spread.",
    "Prints CSV (id,file,prediction,std,models) or writes it to -o. Files that cannot be read are reported and skipped."})
public class PredictCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "Model folder, or a folder of fold model folders.")
    Path modelFolder;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "FILE|DIR", description = "Structure files, or folders of them.")
    List<Path> inputs;

    @Option(names = {"-o", "--output"}, paramLabel = "CSV", description = "Write the predictions here instead of standard output.")
    Path output;

    @Option(names = "--final", description = "Use the model trained on all data (MODEL/final) instead of the fold ensemble.")
    boolean finalModel;

    @Option(names = "--graph-cache", paramLabel = "DIR", description = "Cache the graphs in DIR.")
    Path graphCache;

    private final ModelTools tools;

    PredictCommand(ModelTools tools) {
        this.tools = tools;
    }

    @Override
    public Integer call() throws Exception {
        List<Path> files = StructureFiles.expand(inputs, tools.readers);
        PrintWriter err = spec.commandLine().getErr();
        StringBuilder csv = new StringBuilder("id,file,prediction,std,models\n");
        GraphSet graphs;
        int members;
        try (Ensemble ensemble = tools.service.loadEnsemble(modelFolder, finalModel)) {
            members = ensemble.size();
            graphs = tools.service.featurize(files, ensemble.featurizer(), graphCache, ModelTools.monitor(err));
            // models trained on transformed targets (the Ehull models: asinh) predict in the targets' own units, as screening does
            String transform = ensemble.targetTransform();
            if (!transform.equals("identity")) {
                err.printf("%s was trained on %s-transformed targets: predictions are transformed back to the targets' units%n",
                        modelFolder, transform);
            }
            List<EnsemblePrediction> predictions = ensemble.predictOnOriginalScale(graphs.graphs());
            for (int i = 0; i < graphs.size(); i++) {
                EnsemblePrediction p = predictions.get(i);
                csv.append(String.format(Locale.ROOT, "%s,%s,%.9g,%.3g,%d%n", graphs.ids().get(i), graphs.files().get(i), p.mean(), p.std(),
                        members));
            }
        }
        if (output != null) {
            Files.writeString(output, csv);
            err.printf("%d predictions (%d model%s) written to %s%n", graphs.size(), members, members == 1 ? "" : "s", output);
        } else {
            PrintWriter out = spec.commandLine().getOut();
            out.print(csv);
            out.flush();
        }
        return graphs.refused().isEmpty() ? 0 : 1;
    }
}
