package org.cgformer.cli.internal;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.cgformer.graph.api.CrystalGraph;
import org.cgformer.graph.api.Featurizer;
import org.cgformer.graph.api.GraphOptions;
import org.cgformer.ml.api.Dataset;
import org.cgformer.ml.api.ModelDescriptor;
import org.cgformer.ml.api.ModelFileException;
import org.cgformer.ml.api.PropertyModel;
import org.cgformer.ml.api.TrainedModel;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cgformer predict MODEL FILE|DIR…}: predictions of one model, or the mean and spread of a fold ensemble. */
@Command(name = "predict", mixinStandardHelpOptions = true, description = {
    "Predict the property of structure files with a trained model folder (model.json + parameters.djl).",
    "A folder of fold models (the output of 'cgformer train --folds/--kfold') predicts as an ensemble: the mean and the "
            + "standard deviation over the folds.",
    "Prints CSV (id,file,prediction,std,models) or writes it to -o."})
public class PredictCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "Model folder, or a folder of fold model folders.")
    Path modelFolder;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "FILE|DIR", description = "Structure files or folders of them.")
    List<Path> inputs;

    @Option(names = {"-o", "--output"}, paramLabel = "CSV", description = "Write the predictions here instead of standard output.")
    Path output;

    private final ModelTools tools;

    PredictCommand(ModelTools tools) {
        this.tools = tools;
    }

    static List<Path> modelFolders(Path folder) throws Exception {
        if (Files.isRegularFile(folder.resolve(ModelDescriptor.FILE))) {
            return List.of(folder);
        }
        if (!Files.isDirectory(folder)) {
            throw new ModelFileException("no model folder " + folder);
        }
        try (Stream<Path> list = Files.list(folder)) {
            List<Path> folds = list.filter(p -> Files.isRegularFile(p.resolve(ModelDescriptor.FILE))).sorted().toList();
            if (folds.isEmpty()) {
                throw new ModelFileException(folder + " is not a model folder: it has no " + ModelDescriptor.FILE
                        + ", nor sub-folders with one");
            }
            return folds;
        }
    }

    @Override
    public Integer call() throws Exception {
        List<Path> files = StructureFiles.expand(inputs, tools.readers);
        List<Path> folders = modelFolders(modelFolder);
        List<double[]> predictions = new ArrayList<>();
        for (Path folder : folders) {
            ModelDescriptor d = ModelDescriptor.read(folder);
            PropertyModel kind = tools.models.stream().filter(m -> m.name().equals(d.model())).findFirst()
                    .orElseThrow(() -> new ModelFileException(folder + " holds a '" + d.model() + "' model, which is not installed"));
            Featurizer featurizer = tools.featurizerOf(d, folder);
            List<CrystalGraph> graphs = new ArrayList<>();
            for (Path file : files) {
                graphs.add(Dataset.featurize(file, featurizer, GraphOptions.defaults(), tools.readers));
            }
            try (TrainedModel model = kind.load(folder)) {
                predictions.add(model.predict(graphs));
            }
        }
        StringBuilder csv = new StringBuilder("id,file,prediction,std,models\n");
        for (int i = 0; i < files.size(); i++) {
            double[] values = new double[predictions.size()];
            for (int k = 0; k < values.length; k++) {
                values[k] = predictions.get(k)[i];
            }
            double[] ms = org.cgformer.ml.api.Metrics.meanStd(values);
            String name = files.get(i).getFileName().toString();
            String id = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
            csv.append(String.format(Locale.ROOT, "%s,%s,%.6g,%.3g,%d%n", id, files.get(i), ms[0], ms[1], values.length));
        }
        if (output != null) {
            Files.writeString(output, csv);
            spec.commandLine().getErr().printf("%d predictions (%d model%s) written to %s%n", files.size(), folders.size(),
                    folders.size() == 1 ? "" : "s", output);
        } else {
            PrintWriter out = spec.commandLine().getOut();
            out.print(csv);
            out.flush();
        }
        return 0;
    }
}
