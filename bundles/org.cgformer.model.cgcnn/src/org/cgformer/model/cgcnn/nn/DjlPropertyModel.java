package org.cgformer.model.cgcnn.nn;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.cgformer.djl.api.TensorRuntime;
import org.cgformer.graph.api.CrystalGraph;
import org.cgformer.graph.api.GraphBatch;
import org.cgformer.ml.api.Cancellation;
import org.cgformer.ml.api.Metrics;
import org.cgformer.ml.api.ModelDescriptor;
import org.cgformer.ml.api.ModelFileException;
import org.cgformer.ml.api.Normalizer;
import org.cgformer.ml.api.ProgressListener;
import org.cgformer.ml.api.PropertyModel;
import org.cgformer.ml.api.Sample;
import org.cgformer.ml.api.TrainedModel;
import org.cgformer.ml.api.TrainingOptions;
import org.cgformer.ml.api.TrainingProgress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

/**
 * Training, prediction and model files shared by the DJL graph models (CGCNN, CGformer): Adam on the MSE
 * of normalised targets, shuffled mini-batches with a seed, validation MAE after every epoch, the best
 * epoch's parameters kept (early stopping after {@code patience} epochs without improvement), and
 * model folders of {@value ModelDescriptor#FILE} + {@value #PARAMETERS_FILE} (DJL block parameters).
 */
public abstract class DjlPropertyModel implements PropertyModel {

    public static final String PARAMETERS_FILE = "parameters.djl";

    private static final int PREDICT_BATCH = 256;

    /** The tensor runtime (a DS reference of the component). */
    protected abstract TensorRuntime runtime();

    /** A new, uninitialised network for these (complete) hyper-parameters and feature counts. */
    protected abstract Block newNet(ObjectNode hyperParameters, int nodeFeatures, int edgeFeatures);

    /** Whether the network reads the attention arrays of {@link GraphInputs}. */
    protected boolean attention() {
        return false;
    }

    /** Degree cap of the centrality encoding (attention models). */
    protected int maxDegree(ObjectNode hyperParameters) {
        return 0;
    }

    /** Shortest-path cap of the spatial encoding (attention models). */
    protected int maxPath(ObjectNode hyperParameters) {
        return 0;
    }

    /**
     * The defaults overridden by {@code given}.
     *
     * @throws IllegalArgumentException naming an unknown hyper-parameter or one of the wrong type
     */
    public ObjectNode hyperParameters(ObjectNode given) {
        ObjectNode merged = defaultHyperParameters();
        if (given == null) {
            return merged;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode def = merged.get(e.getKey());
            if (def == null) {
                List<String> known = new ArrayList<>();
                merged.fieldNames().forEachRemaining(known::add);
                throw new IllegalArgumentException("model " + name() + " has no hyper-parameter '" + e.getKey() + "'; it has " + known);
            }
            if (def.isNumber() != e.getValue().isNumber() || def.isTextual() != e.getValue().isTextual()
                    || def.isBoolean() != e.getValue().isBoolean()) {
                throw new IllegalArgumentException("hyper-parameter '" + e.getKey() + "' of model " + name() + " must be like " + def
                        + ", got " + e.getValue());
            }
            merged.set(e.getKey(), e.getValue());
        }
        return merged;
    }

    @Override
    public TrainedModel train(List<Sample> train, List<Sample> validation, ObjectNode given, TrainingOptions options,
            ProgressListener listener, Cancellation cancellation) {
        if (train.isEmpty()) {
            throw new IllegalArgumentException("no training structures");
        }
        ObjectNode hp = hyperParameters(given);
        CrystalGraph first = train.get(0).graph();
        checkSameFeaturizer(train, first);
        checkSameFeaturizer(validation, first);
        Normalizer normalizer = Normalizer.fit(train);
        ProgressListener progress = listener == null ? ProgressListener.NONE : listener;
        Cancellation cancel = cancellation == null ? new Cancellation() : cancellation;
        TensorRuntime runtime = runtime();
        try {
            runtime.callInEngineContext(() -> {
                Engine.getInstance().setRandomSeed((int) options.seed());
                return null;
            });
        } catch (Exception e) {
            throw new IllegalStateException("cannot seed the tensor engine: " + e.getMessage(), e);
        }
        Block net = newNet(hp, first.nodeFeatureCount(), first.edgeFeatureCount());
        Model model = runtime.newModel(name());
        boolean ok = false;
        try {
            model.setBlock(net);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) options.learningRate()))
                            .optWeightDecays((float) options.weightDecay()).build());
            List<List<Sample>> batches;
            Random random = new Random(options.seed());
            List<Sample> order = new ArrayList<>(train);
            int bestEpoch = 0;
            double bestMae = Double.POSITIVE_INFINITY;
            byte[] best = null;
            int epochsRun = 0;
            long trainNanos = 0;
            long trainStructures = 0;
            try (Trainer trainer = model.newTrainer(config)) {
                try (NDManager sub = model.getNDManager().newSubManager()) {
                    NDList inputs = inputs(sub, batchOf(train.subList(0, Math.min(train.size(), options.batchSize()))), hp);
                    trainer.initialize(inputs.getShapes());
                }
                long start = System.nanoTime();
                for (int epoch = 1; epoch <= options.epochs(); epoch++) {
                    Collections.shuffle(order, random);
                    batches = batches(order, options.batchSize());
                    double lossSum = 0;
                    int seen = 0;
                    long epochStart = System.nanoTime();
                    for (int b = 0; b < batches.size(); b++) {
                        cancel.check();
                        List<Sample> batch = batches.get(b);
                        float loss = step(trainer, model, batch, hp, normalizer);
                        lossSum += loss * batch.size();
                        seen += batch.size();
                        double elapsed = (System.nanoTime() - epochStart) / 1e9;
                        double perEpoch = elapsed / seen * train.size();
                        double eta = perEpoch * (options.epochs() - epoch) + (perEpoch - elapsed);
                        if (b + 1 < batches.size()) {
                            progress.onProgress(new TrainingProgress(epoch, options.epochs(), b + 1, batches.size(), lossSum / seen,
                                    Double.NaN, bestEpoch, eta, seen / elapsed));
                        }
                    }
                    long epochNanos = System.nanoTime() - epochStart;
                    trainNanos += epochNanos;
                    trainStructures += seen;
                    epochsRun = epoch;
                    double mae = Double.NaN;
                    if (!validation.isEmpty()) {
                        mae = Metrics.of(targets(validation), predict(net, model.getNDManager(), graphs(validation), hp, normalizer)).mae();
                    }
                    boolean better = validation.isEmpty() || mae < bestMae;
                    if (better) {
                        bestMae = validation.isEmpty() ? Double.NaN : mae;
                        bestEpoch = epoch;
                        best = serialize(net);
                    }
                    double elapsed = (System.nanoTime() - start) / 1e9;
                    progress.onProgress(new TrainingProgress(epoch, options.epochs(), batches.size(), batches.size(), lossSum / seen, mae,
                            bestEpoch, elapsed / epoch * (options.epochs() - epoch), seen / (epochNanos / 1e9)));
                    if (options.patience() > 0 && epoch - bestEpoch >= options.patience()) {
                        break;
                    }
                }
            }
            restore(net, model.getNDManager(), best);
            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put("trainStructures", train.size());
            metrics.put("validationStructures", validation.size());
            metrics.put("epochs", epochsRun);
            metrics.put("bestEpoch", bestEpoch);
            if (!validation.isEmpty()) {
                metrics.put("validationMae", bestMae);
            }
            metrics.put("trainingStructuresPerSecond", trainStructures / (trainNanos / 1e9));
            metrics.put("trainingDataSha256", dataHash(train));
            metrics.put("learningRate", options.learningRate());
            metrics.put("batchSize", options.batchSize());
            metrics.put("seed", options.seed());
            ModelDescriptor descriptor = new ModelDescriptor(ModelDescriptor.FORMAT, name(), version(), first.featurizerName(),
                    first.featurizerVersion(), first.nodeFeatureCount(), first.edgeFeatureCount(), hp, normalizer, PARAMETERS_FILE, "",
                    metrics);
            ok = true;
            return new DjlTrainedModel(this, model, net, descriptor, hp);
        } finally {
            if (!ok) {
                model.close();
            }
        }
    }

    private float step(Trainer trainer, Model model, List<Sample> batch, ObjectNode hp, Normalizer normalizer) {
        float value;
        try (NDManager sub = model.getNDManager().newSubManager()) {
            NDList inputs = inputs(sub, batchOf(batch), hp);
            float[] y = new float[batch.size()];
            for (int i = 0; i < y.length; i++) {
                y[i] = (float) normalizer.normalize(batch.get(i).target());
            }
            NDArray labels = sub.create(y, new Shape(y.length, 1));
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDArray prediction = trainer.forward(inputs).singletonOrThrow();
                NDArray loss = prediction.sub(labels).square().mean();
                collector.backward(loss);
                value = loss.getFloat();
            }
            trainer.step();
        }
        if (!Float.isFinite(value)) {
            throw new IllegalStateException("training diverged: the loss became " + value + "; lower the learning rate");
        }
        return value;
    }

    /** Batches of {@code size}; a last batch of one structure joins the previous one (batch norm needs two). */
    static List<List<Sample>> batches(List<Sample> order, int size) {
        List<List<Sample>> batches = new ArrayList<>();
        for (int i = 0; i < order.size(); i += size) {
            batches.add(order.subList(i, Math.min(order.size(), i + size)));
        }
        if (batches.size() > 1 && batches.get(batches.size() - 1).size() == 1) {
            batches.remove(batches.size() - 1);
            List<Sample> last = batches.remove(batches.size() - 1);
            List<Sample> merged = new ArrayList<>(last);
            merged.add(order.get(order.size() - 1));
            batches.add(merged);
        }
        return batches;
    }

    NDList inputs(NDManager manager, GraphBatch batch, ObjectNode hp) {
        return GraphInputs.of(manager, batch, attention(), maxDegree(hp), maxPath(hp));
    }

    private static GraphBatch batchOf(List<Sample> samples) {
        return GraphBatch.of(graphs(samples));
    }

    static List<CrystalGraph> graphs(List<Sample> samples) {
        return samples.stream().map(Sample::graph).toList();
    }

    private static double[] targets(List<Sample> samples) {
        return samples.stream().mapToDouble(Sample::target).toArray();
    }

    /** Predictions in target units, in inference mode (batch norm running statistics). */
    double[] predict(Block net, NDManager manager, List<CrystalGraph> graphs, ObjectNode hp, Normalizer normalizer) {
        double[] out = new double[graphs.size()];
        for (int start = 0; start < graphs.size(); start += PREDICT_BATCH) {
            List<CrystalGraph> chunk = graphs.subList(start, Math.min(graphs.size(), start + PREDICT_BATCH));
            try (NDManager sub = manager.newSubManager()) {
                NDList inputs = inputs(sub, GraphBatch.of(chunk), hp);
                float[] y = net.forward(new ParameterStore(sub, false), inputs, false).singletonOrThrow().toFloatArray();
                for (int i = 0; i < y.length; i++) {
                    out[start + i] = normalizer.denormalize(y[i]);
                }
            }
        }
        return out;
    }

    static byte[] serialize(Block net) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            net.saveParameters(out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    private static void restore(Block net, NDManager manager, byte[] parameters) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(parameters))) {
            net.loadParameters(manager, in);
        } catch (IOException | MalformedModelException e) {
            throw new IllegalStateException("cannot restore the best checkpoint: " + e.getMessage(), e);
        }
    }

    private static void checkSameFeaturizer(List<Sample> samples, CrystalGraph first) {
        for (Sample s : samples) {
            CrystalGraph g = s.graph();
            if (!g.featurizerName().equals(first.featurizerName()) || !g.featurizerVersion().equals(first.featurizerVersion())
                    || g.nodeFeatureCount() != first.nodeFeatureCount() || g.edgeFeatureCount() != first.edgeFeatureCount()) {
                throw new IllegalArgumentException("structure " + s.id() + " has graphs of " + g.featurizerName() + "@"
                        + g.featurizerVersion() + ", the first of " + first.featurizerName() + "@" + first.featurizerVersion());
            }
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String dataHash(List<Sample> samples) {
        StringBuilder text = new StringBuilder();
        for (Sample s : samples) {
            text.append(s.id()).append(',').append(s.target()).append('\n');
        }
        return sha256(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public TrainedModel load(Path folder) throws ModelFileException {
        ModelDescriptor d = ModelDescriptor.read(folder);
        if (!d.model().equals(name())) {
            throw new ModelFileException(folder + " holds a '" + d.model() + "' model, not a '" + name() + "' model");
        }
        String major = version().split("\\.")[0];
        if (!d.modelVersion().split("\\.")[0].equals(major)) {
            throw new ModelFileException(folder + " was made by " + d.model() + " " + d.modelVersion() + "; the installed " + name()
                    + " " + version() + " reads versions " + major + ".x");
        }
        ObjectNode hp;
        try {
            hp = hyperParameters(d.hyperParameters());
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(folder.resolve(ModelDescriptor.FILE) + ": " + e.getMessage(), e);
        }
        Path file = folder.resolve(d.parametersFile());
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ModelFileException("cannot read the parameters file " + file + " (" + e + ")", e);
        }
        String sha = sha256(bytes);
        if (!sha.equals(d.parametersSha256())) {
            throw new ModelFileException("the parameters file " + file + " is corrupt or was replaced: its SHA-256 is " + sha
                    + ", " + ModelDescriptor.FILE + " expects " + d.parametersSha256());
        }
        Block net = newNet(hp, d.nodeFeatures(), d.edgeFeatures());
        Model model = runtime().newModel(name());
        try {
            model.setBlock(net);
            restoreOrThrow(net, model.getNDManager(), bytes, file);
            return new DjlTrainedModel(this, model, net, d, hp);
        } catch (ModelFileException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    private static void restoreOrThrow(Block net, NDManager manager, byte[] bytes, Path file) throws ModelFileException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            net.loadParameters(manager, in);
            if (in.available() > 0) {
                throw new ModelFileException(file + " has " + in.available() + " bytes more than the network's parameters: "
                        + "it was made for another architecture");
            }
        } catch (IOException | MalformedModelException | RuntimeException e) {
            if (e instanceof ModelFileException mfe) {
                throw mfe;
            }
            throw new ModelFileException("cannot read the parameters in " + file + " (" + e.getMessage() + ")", e);
        }
    }
}
