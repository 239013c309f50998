package org.cgformer.screening.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.cgformer.graph.api.CrystalGraph;
import org.cgformer.graph.api.Featurizer;
import org.cgformer.ml.api.Metrics;
import org.cgformer.ml.api.ModelDescriptor;
import org.cgformer.ml.api.ModelFileException;
import org.cgformer.ml.training.Ensemble;
import org.cgformer.ml.training.EnsemblePrediction;
import org.cgformer.stability.api.TransformedEnsemble;
import org.cgformer.ml.training.TrainingService;
import org.cgformer.screening.api.ScreeningException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A model folder as an ensemble: one model ({@code model.json} in the folder) or the fold models of a
 * cross-validation ({@code fold_*}/model.json, the output of {@code cgformer train --kfold}), loaded by the
 * {@link TrainingService}; predicts the mean and the standard deviation over its members. Also reads what the folder says about its accuracy: the cross-validation
 * metrics ({@code metrics.json}) and the test-fold predictions ({@code fold_*}/parity.csv), or for a single model the
 * predictions of its validation structures, labelled as such ({@link #paritySplit}).
 */
final class ModelEnsemble implements AutoCloseable {

    /** One test prediction of the cross-validation. */
    record ParityPoint(String id, double target, double predicted) {
    }

    private final Ensemble ensemble;
    private final ModelDescriptor descriptor;

    private ModelEnsemble(Ensemble ensemble) {
        this.ensemble = ensemble;
        this.descriptor = ensemble.members().get(0).model().descriptor();
    }

    /** The model folders of {@code folder}: itself, or its sub-folders with a model.json, sorted. */
    static List<Path> memberFolders(Path folder) throws ScreeningException {
        if (Files.isRegularFile(folder.resolve(ModelDescriptor.FILE))) {
            return List.of(folder);
        }
        if (!Files.isDirectory(folder)) {
            throw new ScreeningException("no model folder " + folder);
        }
        try (Stream<Path> list = Files.list(folder)) {
            List<Path> folds = list.filter(p -> Files.isRegularFile(p.resolve(ModelDescriptor.FILE))).sorted().toList();
            if (folds.isEmpty()) {
                throw new ScreeningException(folder + " is not a model folder: it has no " + ModelDescriptor.FILE
                        + ", nor sub-folders with one");
            }
            return folds;
        } catch (IOException e) {
            throw new ScreeningException("cannot list " + folder + " (" + e.getMessage() + ")", e);
        }
    }

    /** Test predictions on the original scale, preferred to parity.csv (written by models trained on transformed targets). */
    static final String PARITY_ORIGINAL = "parity-original.csv";

    /** The descriptor of the first member, without loading parameters. */
    static ModelDescriptor describe(Path folder) throws ScreeningException {
        try {
            return ModelDescriptor.read(memberFolders(folder).get(0));
        } catch (ModelFileException e) {
            throw new ScreeningException(e.getMessage(), e);
        }
    }

    /** Loads every member through the training service (one model, or the fold models; not final/). */
    static ModelEnsemble load(Path folder, TrainingService training) throws ScreeningException {
        try {
            return new ModelEnsemble(training.loadEnsemble(folder, false));
        } catch (ModelFileException | RuntimeException e) {
            throw new ScreeningException("cannot load the model in " + folder + ": " + e.getMessage(), e);
        }
    }

    Path folder() {
        return ensemble.folder();
    }

    ModelDescriptor descriptor() {
        return descriptor;
    }

    Featurizer featurizer() {
        return ensemble.featurizer();
    }

    int size() {
        return ensemble.size();
    }

    /** Mean and standard deviation over the members, {@code [2][graphs]}; spread 0 for one model. */
    double[][] predict(List<CrystalGraph> graphs) {
        // members trained on transformed targets (heavy-tailed Ehull) are transformed back before mean and spread
        List<EnsemblePrediction> predictions = TransformedEnsemble.predict(ensemble, graphs);
        double[][] meanStd = new double[2][graphs.size()];
        for (int i = 0; i < graphs.size(); i++) {
            meanStd[0][i] = predictions.get(i).mean();
            meanStd[1][i] = ensemble.size() > 1 ? predictions.get(i).std() : 0;
        }
        return meanStd;
    }

    @Override
    public void close() {
        ensemble.close();
    }

    /**
     * What a model folder says about its accuracy, for summary.json: model, featurizer, members, and the
     * cross-validation metrics of {@code metrics.json} (mean and std of MAE, RMSE, R2) when there is one, otherwise the
     * metrics recorded in model.json.
     */
    static Map<String, Object> metrics(Path folder, ObjectMapper json) throws ScreeningException {
        ModelDescriptor d = describe(folder);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("folder", folder.toString());
        out.put("model", d.model());
        out.put("modelVersion", d.modelVersion());
        out.put("featurizer", d.featurizer() + "@" + d.featurizerVersion());
        out.put("members", memberFolders(folder).size());
        Path cv = folder.resolve("metrics.json");
        if (Files.isRegularFile(cv)) {
            try {
                JsonNode node = json.readTree(cv.toFile());
                out.put("crossValidation", json.convertValue(node.path("mean"), Map.class));
                out.put("crossValidationStd", json.convertValue(node.path("std"), Map.class));
                out.put("folds", node.path("folds").size());
            } catch (IOException e) {
                throw new ScreeningException(cv + " is not readable JSON (" + e.getMessage() + ")", e);
            }
        } else {
            out.put("recorded", d.metrics());
        }
        List<ParityPoint> parity = parity(folder);
        if (!parity.isEmpty()) {
            double[] t = parity.stream().mapToDouble(ParityPoint::target).toArray();
            double[] p = parity.stream().mapToDouble(ParityPoint::predicted).toArray();
            Metrics m = Metrics.of(t, p);
            double[] abs = new double[t.length];
            for (int i = 0; i < t.length; i++) {
                abs[i] = Math.abs(p[i] - t[i]);
            }
            java.util.Arrays.sort(abs);
            Map<String, Object> pooled = new LinkedHashMap<>();
            pooled.put("structures", t.length);
            pooled.put("mae", m.mae());
            pooled.put("medianAbsoluteError", abs.length % 2 == 1 ? abs[abs.length / 2] : (abs[abs.length / 2 - 1] + abs[abs.length / 2]) / 2);
            pooled.put("rmse", m.rmse());
            pooled.put("r2", m.r2());
            String split = paritySplit(folder);
            pooled.put("split", split);
            out.put(split.equals(TEST) ? "testPredictionsPooled" : "validationPredictionsPooled", pooled);
        }
        return out;
    }

    /** {@link #paritySplit} of cross-validation folds: their parity rows are their test parts. */
    static final String TEST = "test";
    /** {@link #paritySplit} of a model without a test part: its parity rows chose its best epoch, their errors are optimistic. */
    static final String VALIDATION = "validation";

    /**
     * What the parity rows of {@code folder} are: {@value #TEST} when every member's are its fold's test part, else
     * {@value #VALIDATION}. Members record it in model.json ({@link TrainingService#PARITY_SPLIT}); before that the
     * training service (which records a {@code runKey}) recorded {@code testMae} exactly when a model had a test part.
     * Folders written otherwise say nothing and are taken for test folds, as they always were.
     */
    static String paritySplit(Path folder) throws ScreeningException {
        for (Path member : memberFolders(folder)) {
            Map<String, Object> metrics;
            try {
                metrics = ModelDescriptor.read(member).metrics();
            } catch (ModelFileException e) {
                throw new ScreeningException(e.getMessage(), e);
            }
            Object split = metrics.get(TrainingService.PARITY_SPLIT);
            boolean tested = split != null ? TEST.equals(split.toString())
                    : metrics.containsKey("testMae") || !metrics.containsKey("runKey");
            if (!tested) {
                return VALIDATION;
            }
        }
        return TEST;
    }

    /**
     * The model folder a fine-tuned model started from (model.json {@code parent.path}): the ensemble folder holding the
     * parent member when it has the cross-validation files, else the member itself; null for a model trained from scratch.
     */
    static Path parentFolder(Path folder) throws ScreeningException {
        Map<String, Object> parent = describe(folder).parent();
        if (parent == null || !(parent.get("path") instanceof String path)) {
            return null;
        }
        Path member = Path.of(path);
        Path ensemble = member.getParent();
        return ensemble != null && Files.isRegularFile(ensemble.resolve("metrics.json")) ? ensemble : member;
    }

    /**
     * The parity rows of every member ({@code parity.csv}: id,target,predicted,residual[,split]): test folds, or a single
     * model's validation structures ({@link #paritySplit}); empty when there are none.
     */
    static List<ParityPoint> parity(Path folder) throws ScreeningException {
        List<ParityPoint> points = new ArrayList<>();
        for (Path member : memberFolders(folder)) {
            Path csv = Files.isRegularFile(member.resolve(PARITY_ORIGINAL)) ? member.resolve(PARITY_ORIGINAL) : member.resolve("parity.csv");
            if (!Files.isRegularFile(csv)) {
                continue;
            }
            try {
                List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
                for (int i = 1; i < lines.size(); i++) {
                    if (lines.get(i).isBlank()) {
                        continue;
                    }
                    String[] f = lines.get(i).split(",");
                    if (f.length < 3) {
                        throw new ScreeningException(String.format(Locale.ROOT, "%s:%d: expected id,target,predicted, got '%s'", csv,
                                i + 1, lines.get(i)));
                    }
                    points.add(new ParityPoint(f[0], Double.parseDouble(f[1]), Double.parseDouble(f[2])));
                }
            } catch (IOException | NumberFormatException e) {
                throw new ScreeningException("cannot read " + csv + " (" + e.getMessage() + ")", e);
            }
        }
        return points;
    }
}
