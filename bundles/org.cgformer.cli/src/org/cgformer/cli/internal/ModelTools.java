package org.cgformer.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.cgformer.graph.api.FeaturizationException;
import org.cgformer.graph.api.Featurizer;
import org.cgformer.graph.api.FeaturizerRegistry;
import org.cgformer.graph.api.GraphOptions;
import org.cgformer.ml.api.Cancellation;
import org.cgformer.ml.api.Dataset;
import org.cgformer.ml.api.Metrics;
import org.cgformer.ml.api.ModelDescriptor;
import org.cgformer.ml.api.ModelFileException;
import org.cgformer.ml.api.ProgressListener;
import org.cgformer.ml.api.PropertyModel;
import org.cgformer.ml.api.Sample;
import org.cgformer.ml.api.Split;
import org.cgformer.ml.api.Splits;
import org.cgformer.ml.api.TrainedModel;
import org.cgformer.ml.api.TrainingCancelledException;
import org.cgformer.ml.api.TrainingOptions;
import org.cgformer.structure.api.StructureReader;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** What the model commands share: the installed models, featurizers and readers; training over folds. */
final class ModelTools {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    final List<PropertyModel> models;
    final FeaturizerRegistry registry;
    final List<StructureReader> readers;
    private final ModelRuns runs;

    ModelTools(List<PropertyModel> models, FeaturizerRegistry registry, List<StructureReader> readers, ModelRuns runs) {
        this.models = models;
        this.registry = registry;
        this.readers = readers;
        this.runs = runs;
    }

    /**
     * {@link PropertyModel#train} with a cancellation that fires when the model's service goes away.
     *
     * @throws IllegalStateException saying why, when the training was cancelled
     */
    TrainedModel train(PropertyModel model, List<Sample> train, List<Sample> validation, ObjectNode hp, TrainingOptions options,
            ProgressListener listener) {
        Cancellation cancellation = runs.start(model);
        try {
            return model.train(train, validation, hp, options, listener, cancellation);
        } catch (TrainingCancelledException e) {
            throw new IllegalStateException("training of model '" + model.name() + "' cancelled: " + runs.reason(cancellation), e);
        } finally {
            runs.finish(cancellation);
        }
    }

    PropertyModel model(String name) {
        return models.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "no model '" + name + "' is installed; installed: " + String.join(", ", models.stream().map(PropertyModel::name).sorted().toList())));
    }

    Featurizer featurizer(String spec) throws FeaturizationException {
        return registry.get(spec);
    }

    /** The featurizer a saved model was trained with, exactly that version. */
    Featurizer featurizerOf(ModelDescriptor d, Path folder) throws ModelFileException {
        return registry.find(d.featurizer(), d.featurizerVersion()).orElseThrow(() -> new ModelFileException(folder + " was trained on graphs of featurizer "
                + d.featurizer() + "@" + d.featurizerVersion() + ", which is not installed (installed: " + String.join(", ",
                        registry.featurizers().stream().map(f -> f.name() + "@" + f.version()).toList()) + ")"));
    }

    /** Progress lines on {@code err}: one per epoch. */
    static ProgressListener epochPrinter(PrintWriter err, String prefix) {
        return p -> {
            if (p.endOfEpoch()) {
                err.printf(Locale.ROOT, "%sepoch %d/%d  loss %.4f  val MAE %s  best %d  %.0f structures/s  ETA %s%n", prefix, p.epoch(),
                        p.epochs(), p.trainLoss(), Double.isNaN(p.validationMae()) ? "-" : String.format(Locale.ROOT, "%.4g", p.validationMae()),
                        p.bestEpoch(), p.structuresPerSecond(), eta(p.etaSeconds()));
                err.flush();
            }
        };
    }

    static String eta(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60) : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }

    static List<Sample> pick(List<Sample> samples, List<Integer> indices) {
        List<Sample> out = new ArrayList<>(indices.size());
        for (int i : indices) {
            out.add(samples.get(i));
        }
        return out;
    }

    /** Result of one fold: test metrics, throughput and the test predictions. */
    record FoldResult(String name, Metrics metrics, double trainPerSecond, double inferPerSecond, List<Sample> test, double[] predicted,
            int bestEpoch) {
    }

    /**
     * Trains one model per split (validation held out of its training part), evaluates it on the split's test part,
     * saves it in {@code output/<fold>} with {@code parity.csv} when output is not null.
     */
    List<FoldResult> crossValidate(PropertyModel model, List<Sample> samples, List<Split> splits, ObjectNode hp,
            TrainingOptions options, double validationFraction, Path output, PrintWriter err) throws IOException {
        List<FoldResult> results = new ArrayList<>();
        for (Split split : splits) {
            List<List<Integer>> parts = Splits.holdOut(split.train(), validationFraction, options.seed());
            List<Sample> train = pick(samples, parts.get(0));
            List<Sample> validation = pick(samples, parts.get(1));
            List<Sample> test = pick(samples, split.test());
            err.printf(Locale.ROOT, "%s %s: %d training, %d validation, %d test structures%n", model.name(), split.name(), train.size(),
                    validation.size(), test.size());
            try (TrainedModel trained = train(model, train, validation, hp, options, epochPrinter(err, "  " + split.name() + " "))) {
                long t0 = System.nanoTime();
                double[] predicted = trained.predict(test.stream().map(Sample::graph).toList());
                double inferSeconds = (System.nanoTime() - t0) / 1e9;
                Metrics metrics = Metrics.of(test.stream().mapToDouble(Sample::target).toArray(), predicted);
                Map<String, Object> m = trained.descriptor().metrics();
                double trainPerSecond = ((Number) m.get("trainingStructuresPerSecond")).doubleValue();
                int bestEpoch = ((Number) m.get("bestEpoch")).intValue();
                err.printf(Locale.ROOT, "  %s test MAE %.4g, RMSE %.4g, R2 %.3f (best epoch %d)%n", split.name(), metrics.mae(), metrics.rmse(),
                        metrics.r2(), bestEpoch);
                if (output != null) {
                    Path folder = output.resolve(split.name());
                    trained.save(folder);
                    ModelDescriptor d = trained.descriptor().withMetric("testMae", metrics.mae()).withMetric("testRmse", metrics.rmse())
                            .withMetric("testR2", metrics.r2()).withMetric("testStructures", metrics.count());
                    d.write(folder);
                    writeParity(folder.resolve("parity.csv"), test, predicted);
                }
                results.add(new FoldResult(split.name(), metrics, trainPerSecond, test.size() / inferSeconds, test, predicted, bestEpoch));
            }
        }
        return results;
    }

    static void writeParity(Path file, List<Sample> test, double[] predicted) throws IOException {
        StringBuilder csv = new StringBuilder("id,target,predicted,residual\n");
        for (int i = 0; i < test.size(); i++) {
            csv.append(test.get(i).id()).append(',').append(test.get(i).target()).append(',').append(predicted[i]).append(',')
                    .append(predicted[i] - test.get(i).target()).append('\n');
        }
        Files.writeString(file, csv);
    }

    static void writeMetrics(Path output, PropertyModel model, List<FoldResult> results) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", model.name());
        ArrayNode folds = root.putArray("folds");
        double[] mae = new double[results.size()];
        double[] rmse = new double[results.size()];
        double[] r2 = new double[results.size()];
        for (int i = 0; i < results.size(); i++) {
            FoldResult r = results.get(i);
            folds.addObject().put("fold", r.name()).put("mae", r.metrics().mae()).put("rmse", r.metrics().rmse()).put("r2", r.metrics().r2())
                    .put("test", r.metrics().count()).put("bestEpoch", r.bestEpoch()).put("trainingStructuresPerSecond", r.trainPerSecond())
                    .put("inferenceStructuresPerSecond", r.inferPerSecond());
            mae[i] = r.metrics().mae();
            rmse[i] = r.metrics().rmse();
            r2[i] = r.metrics().r2();
        }
        Map<String, double[]> summary = new LinkedHashMap<>();
        summary.put("mae", Metrics.meanStd(mae));
        summary.put("rmse", Metrics.meanStd(rmse));
        summary.put("r2", Metrics.meanStd(r2));
        ObjectNode mean = root.putObject("mean");
        ObjectNode std = root.putObject("std");
        summary.forEach((k, v) -> {
            mean.put(k, v[0]);
            std.put(k, v[1]);
        });
        JSON.writeValue(output.resolve("metrics.json").toFile(), root);
    }

    List<Sample> samples(Dataset dataset, Featurizer featurizer, PrintWriter err) throws IOException {
        long t0 = System.nanoTime();
        List<Sample> samples = dataset.samples(featurizer, GraphOptions.defaults(), readers);
        err.printf(Locale.ROOT, "featurized %d structures with %s@%s in %.1f s%n", samples.size(), featurizer.name(), featurizer.version(),
                (System.nanoTime() - t0) / 1e9);
        return samples;
    }
}
