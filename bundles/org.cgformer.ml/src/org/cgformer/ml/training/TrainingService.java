package org.cgformer.ml.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.cgformer.graph.api.FeaturizationException;
import org.cgformer.graph.api.Featurizer;
import org.cgformer.ml.api.ModelFileException;
import org.cgformer.ml.api.PropertyModel;
import org.cgformer.ml.api.Split;
import org.cgformer.ml.api.TrainingCancelledException;

/**
 * Training and prediction with the installed property models, as one OSGi service (a DS component of bundle
 * org.cgformer.ml). Models, featurizers and structure readers are the services installed at the time of the call.
 *
 * <pre>
 * LabelledData data = service.loadDataset(dir, service.featurizer("cgcnn"), null, monitor);
 * TrainingResult r = service.run(TrainingJob.train(service.model("cgcnn"), data)
 *         .splits(service.kFold(data, 5, 42)).output(out).build(), monitor);
 * try (Ensemble e = service.loadEnsemble(out, false)) {
 *     List&lt;EnsemblePrediction&gt; p = e.predict(service.featurize(files, e.featurizer(), null, monitor).graphs());
 * }
 * </pre>
 */
public interface TrainingService {

    /** Sub-folder of a cross-validation output that holds the model trained on all data. */
    String FINAL = "final";
    /** Cross-validation summary in the output folder. */
    String METRICS_FILE = "metrics.json";
    /**
     * Predictions in each model folder, {@code id,target,predicted,residual,split}: a fold's test part ({@code split} =
     * {@code test}), or for a model without one (a hold-out training, {@code final}) its validation part
     * ({@code validation}), the structures that chose its best epoch. Files written before 1.1 have no split column.
     */
    String PARITY_FILE = "parity.csv";
    /**
     * model.json metric saying what {@link #PARITY_FILE} holds: {@code test} or {@code validation}.
     *
     * @since 1.1
     */
    String PARITY_SPLIT = "paritySplit";

    /** The property models installed now, by name. */
    List<PropertyModel> models();

    /**
     * The installed model called {@code name}.
     *
     * @throws IllegalArgumentException naming the installed models when there is none such
     */
    PropertyModel model(String name);

    /**
     * The featurizer named {@code NAME} or {@code NAME@VERSION}.
     *
     * @throws FeaturizationException naming the installed featurizers when there is none such
     */
    Featurizer featurizer(String spec) throws FeaturizationException;

    /**
     * Reads a dataset in CGCNN's layout ({@code folder/id_prop.csv} + structure files) and featurizes every entry (all
     * cores). Entries whose file cannot be read or featurized are refused with the reason and left out.
     *
     * @param cacheFolder graph cache folder (created), or null for none
     * @throws IOException when {@code id_prop.csv} is missing or malformed, or no entry could be used
     * @throws TrainingCancelledException when the monitor cancelled
     */
    LabelledData loadDataset(Path folder, Featurizer featurizer, Path cacheFolder, TrainingMonitor monitor) throws IOException;

    /** Reads and featurizes structure files for prediction; those that fail are refused with the reason. */
    GraphSet featurize(List<Path> files, Featurizer featurizer, Path cacheFolder, TrainingMonitor monitor);

    /**
     * The graph of a structure file's text, read by the installed reader of {@code fileName}'s kind and featurized as
     * {@link #featurize(List, Featurizer, Path, TrainingMonitor)} does a file of that name and content, without a file:
     * what a pipeline that makes its structures (screening) predicts on, the same graph as the file's.
     *
     * @throws FeaturizationException when the text cannot be read as a structure (the message names {@code fileName}, the
     *                                line and the problem) or the structure cannot be featurized
     * @since 1.2
     */
    org.cgformer.graph.api.CrystalGraph featurize(String fileName, String content, Featurizer featurizer) throws FeaturizationException;

    /** {@code k} folds of the data shuffled with {@code seed}. */
    List<Split> kFold(LabelledData data, int k, long seed);

    /**
     * The test folds of a Matbench {@code folds.json} over the data; ids of refused entries are left out (and said
     * so to the monitor of the next run), ids the dataset does not list are an error.
     */
    List<Split> folds(LabelledData data, Path foldsJson) throws IOException;

    /**
     * Trains (or fine-tunes) as the job says, with progress and cancellation through {@code monitor}; writes models,
     * parity files and {@value #METRICS_FILE} into the job's output folder.
     *
     * @throws IOException when the output cannot be written or a parent model cannot be loaded
     * @throws IllegalArgumentException for bad hyper-parameters, an unknown layer group, or a checkpoint or finished
     *         fold in the output folder that was made with other settings (the message says to use a new folder or no
     *         resume)
     * @throws TrainingCancelledException when the monitor cancelled (checkpoints stay for a later resume)
     */
    TrainingResult run(TrainingJob job, TrainingMonitor monitor) throws IOException;

    /**
     * Loads a model folder as an ensemble: the model in it, or every fold model in its sub-folders (not
     * {@value #FINAL}); with {@code finalModel} only the model in {@code folder/final}.
     *
     * @throws ModelFileException when there is no model, a model is corrupt, its kind or featurizer is not installed, or
     *         the members read different featurizers
     */
    Ensemble loadEnsemble(Path folder, boolean finalModel) throws ModelFileException;
}
