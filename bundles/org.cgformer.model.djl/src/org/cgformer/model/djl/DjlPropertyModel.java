package org.cgformer.model.djl;

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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.cgformer.djl.api.Autograd;
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
import org.cgformer.ml.api.TrainingRequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

/**
 * Training, prediction and model files shared by the DJL graph models (CGCNN, CGformer): Adam or AdamW with a
 * learning-rate schedule on the MSE, L1 or Huber loss of normalised targets, shuffled mini-batches with a seed,
 * validation MAE after every epoch, the best epoch's parameters kept (early stopping after {@code patience} epochs
 * without improvement), checkpoints to resume from, fine-tuning of a parent model, and model folders of {@value ModelDescriptor#FILE} + {@value #PARAMETERS_FILE} (DJL block parameters).
 */
public abstract class DjlPropertyModel implements PropertyModel {

    public static final String PARAMETERS_FILE = "parameters.djl";
    /** The layer group of the output head (re-initialised by {@link org.cgformer.ml.api.FineTuning#resetHead()}). */
    public static final String HEAD = "head";
    /**
     * Hyper-parameter of every network here: whether it reads the featurizer's graph-level columns (joined to the pooled
     * vector before the head). True for new models; a model saved before it existed reads none (it is false for it).
     */
    public static final String GRAPH_FEATURES = "graphFeatures";

    private static final int PREDICT_BATCH = 256;

    /**
     * Most padded atom pairs (structures × largest structure²) in one prediction batch: attention models hold
     * heads × that many floats per array, and a forward pass keeps about six such arrays per attention layer until the
     * batch is done: 2^22 pairs (about 11 NASICON supercells of 600 sites) are 64 MB per such array for the shipped
     * Ehull CGformer (4 heads, 2 layers), about 0.8 GB per forward pass; 2^24 allowed four times that.
     */
    private static final long PREDICT_PAIRS = 1L << 22;

    /**
     * Most neighbour slots (atoms × neighbour slots, N·M) in one prediction batch. The convolutions' largest arrays are
     * N·M × 2H floats and are made and read several times per layer; kept to about 2 MB (H = 64) they stay in the core's
     * cache and the allocator reuses their memory, where 100 NASICON cells in one batch (235,000 slots, 120 MB per array)
     * went to main memory and to fresh, page-faulted memory each time: on the 2-core machine the shipped CGCNN Ehull
     * ensemble (5 members) predicted 101 primitive cells (208 atoms) in 3.2 s instead of 6.1 s of CPU, the demo's
     * CGformer (3 members) the 624-site cells in about a fifth less time (batches of 10 cells before, by
     * {@link #PREDICT_PAIRS}). In effect one NASICON cell per batch; small structures are still batched.
     */
    static final long PREDICT_SLOTS = 1L << 12;

    private volatile TensorRuntime runtime;

    /** Binds the tensor runtime: the {@code runtime} reference of each model's DS component names this method. */
    public void setRuntime(TensorRuntime value) {
        runtime = value;
    }

    /** The tensor runtime (a DS reference of the component). */
    protected TensorRuntime runtime() {
        return runtime;
    }

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
        if (!merged.has(GRAPH_FEATURES)) {
            merged.put(GRAPH_FEATURES, true);
        }
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
        return train(TrainingRequest.builder(train, validation).hyperParameters(given).options(options).listener(listener)
                .cancellation(cancellation).build());
    }

    /**
     * Layer groups for fine-tuning ({@code --freeze}, {@code --reset-head}): group name to its members, each the name the
     * network gave one of its child blocks ({@code addChildBlock("embedding", ...)}) or one of its own parameters; a
     * member ending in {@code *} names a numbered family ({@code conv_*}: {@code conv_0}, {@code conv_1}, ...). They are
     * resolved on the block tree ({@link #layerGroupParameters(Block)}), never on the flattened parameter names, in which
     * DJL puts each child's position first ({@code 02conv_0_...}). The default knows CGCNN's network: {@code embedding},
     * {@code conv} and {@value #HEAD} ({@code hidden}, {@code output}); networks with other blocks give theirs.
     */
    protected Map<String, List<String>> layerGroupMembers() {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        groups.put("embedding", List.of("embedding"));
        groups.put("conv", List.of("conv_*"));
        groups.put(HEAD, List.of("hidden", "output"));
        return groups;
    }

    @Override
    public Set<String> layerGroups() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(layerGroupMembers().keySet()));
    }

    /**
     * The parameters of each layer group of {@code net}, in group order: all parameters (at any depth) of the child blocks
     * its members name, and the network's own parameters they name. A group of a network built without those blocks
     * (e.g. {@code conv} with {@code convLayers} 0) is empty.
     */
    public Map<String, List<Parameter>> layerGroupParameters(Block net) {
        Map<String, List<Parameter>> groups = new LinkedHashMap<>();
        ai.djl.nn.BlockList children = net.getChildren();
        for (Map.Entry<String, List<String>> group : layerGroupMembers().entrySet()) {
            List<Parameter> parameters = new ArrayList<>();
            for (int i = 0; i < children.size(); i++) {
                if (matches(group.getValue(), childName(children.get(i).getKey(), i))) {
                    children.get(i).getValue().getParameters().values().forEach(parameters::add);
                }
            }
            for (ai.djl.util.Pair<String, Parameter> p : net.getDirectParameters()) {
                if (matches(group.getValue(), p.getKey())) {
                    parameters.add(p.getValue());
                }
            }
            groups.put(group.getKey(), parameters);
        }
        return groups;
    }

    /** The name given to {@code addChildBlock}: DJL's key of child {@code index} without its position ({@code "%02d"}). */
    private static String childName(String key, int index) {
        String position = String.format(java.util.Locale.ROOT, "%02d", index + 1);
        if (!key.startsWith(position)) {
            throw new IllegalStateException("child block " + index + " is named '" + key + "', not '" + position + "...'");
        }
        return key.substring(position.length());
    }

    private static boolean matches(List<String> members, String name) {
        for (String member : members) {
            if (member.endsWith("*") ? name.matches(java.util.regex.Pattern.quote(member.substring(0, member.length() - 1)) + "\\d+")
                    : name.equals(member)) {
                return true;
            }
        }
        return false;
    }

    /** The names of each layer group's parameters in a trained model of this kind, as {@link #parameterValues} names them. */
    public Map<String, List<String>> layerGroupParameterNames(TrainedModel model) {
        Block net = djl(model).net();
        Map<Parameter, String> names = new java.util.IdentityHashMap<>();
        for (ai.djl.util.Pair<String, Parameter> p : net.getParameters()) {
            names.put(p.getValue(), p.getKey());
        }
        Map<String, List<String>> groups = new LinkedHashMap<>();
        layerGroupParameters(net).forEach((g, ps) -> groups.put(g, ps.stream().map(names::get).toList()));
        return groups;
    }

    /**
     * Trains from scratch or fine-tunes {@link TrainingRequest#parent()}; with a checkpoint folder, writes
     * {@link Checkpoint} files after every epoch and resumes from those of the same key (parameters, epoch, best
     * parameters and epoch, shuffling state; not the optimizer's moments, which DJL cannot save, nor the engine's
     * random state).
     */
    @Override
    public TrainedModel train(TrainingRequest request) {
        Plan plan = plan(request);
        seedEngine(request.options().seed());
        Checkpoint checkpoint = request.checkpoint() == null ? null : Checkpoint.read(request.checkpoint(), request.checkpointKey());
        Block net = newNet(plan.hp(), plan.first().nodeFeatureCount(), plan.first().edgeFeatureCount());
        Model model = runtime().newModel(name());
        boolean ok = false;
        try {
            loadStartingParameters(net, model.getNDManager(), plan, checkpoint, request.fineTuning().freeze());
            model.setBlock(net);
            Run run = new Run(request, plan, model, net, checkpoint);
            run.trainEpochs();
            restore(net, model.getNDManager(), run.bestParameters());
            ModelDescriptor descriptor = descriptor(plan, metrics(request, plan, net, run, checkpoint));
            ok = true;
            return new DjlTrainedModel(this, model, net, descriptor, plan.hp());
        } finally {
            if (!ok) {
                model.close();
            }
        }
    }

    /**
     * What a training request comes to before any tensor exists.
     *
     * @param first the first training structure's graph, whose featurizer and feature counts all graphs share
     * @param parent the model to fine-tune, or null to train from scratch
     * @param hp the complete hyper-parameters (the parent's when fine-tuning)
     * @param resetHead whether the parent's head is re-initialised
     * @param normalizer of the targets: the parent's, or fitted to the training targets (from scratch or with a new head)
     */
    private record Plan(CrystalGraph first, DjlTrainedModel parent, ObjectNode hp, boolean resetHead, Normalizer normalizer) {
    }

    /** The checked plan of {@code request}; bad data, parents and hyper-parameters are refused here, before any tensor exists. */
    private Plan plan(TrainingRequest request) {
        List<Sample> train = request.train();
        if (train.isEmpty()) {
            throw new IllegalArgumentException("no training structures");
        }
        CrystalGraph first = train.get(0).graph();
        checkSameFeaturizer(train, first);
        checkSameFeaturizer(request.validation(), first);
        if (request.parent() == null) {
            return new Plan(first, null, readable(hyperParameters(request.hyperParameters()), first), false, Normalizer.fit(train));
        }
        DjlTrainedModel parent = fineTunableParent(request, first);
        ObjectNode hp = hyperParameters(saved(parent.descriptor().hyperParameters()));
        boolean resetHead = request.fineTuning().resetHead();
        return new Plan(first, parent, hp, resetHead, resetHead ? Normalizer.fit(train) : parent.descriptor().normalizer());
    }

    /**
     * The parent of a fine-tuning request, checked: a model of this kind that reads the training graphs' featurizer,
     * and layer groups to freeze that exist and leave something to train.
     */
    private DjlTrainedModel fineTunableParent(TrainingRequest request, CrystalGraph first) {
        if (!(request.parent() instanceof DjlTrainedModel parent) || !parent.descriptor().model().equals(name())) {
            throw new IllegalArgumentException("model " + name() + " cannot fine-tune a '" + request.parent().descriptor().model()
                    + "' model");
        }
        ModelDescriptor pd = parent.descriptor();
        if (!first.featurizerName().equals(pd.featurizer()) || !first.featurizerVersion().equals(pd.featurizerVersion())
                || first.nodeFeatureCount() != pd.nodeFeatures() || first.edgeFeatureCount() != pd.edgeFeatures()) {
            throw new IllegalArgumentException("the parent model reads graphs of " + pd.featurizer() + "@" + pd.featurizerVersion()
                    + "; the training graphs are of " + first.featurizerName() + "@" + first.featurizerVersion());
        }
        for (String g : request.fineTuning().freeze()) {
            if (!layerGroupMembers().containsKey(g)) {
                throw new IllegalArgumentException("model " + name() + " has no layer group '" + g + "'; it has " + layerGroups());
            }
        }
        if (request.fineTuning().freeze().containsAll(layerGroups())) {
            throw new IllegalArgumentException("freezing every layer group of model " + name() + " " + layerGroups()
                    + " leaves nothing to train");
        }
        return parent;
    }

    /** Seeds the engine's random state (initial parameter values, dropout) with the training seed. */
    private void seedEngine(long seed) {
        try {
            runtime().callInEngineContext(() -> {
                Engine.getInstance().setRandomSeed((int) seed);
                return null;
            });
        } catch (Exception e) {
            throw new IllegalStateException("cannot seed the tensor engine: " + e.getMessage(), e);
        }
    }

    /**
     * The parameters training starts from: the checkpoint's when resuming, else the parent's when fine-tuning (its head
     * re-initialised on request), else none (the trainer initialises them); a fine-tuned network's {@code freeze} groups
     * are frozen.
     */
    private void loadStartingParameters(Block net, NDManager manager, Plan plan, Checkpoint checkpoint, Set<String> freeze) {
        if (checkpoint != null) {
            restore(net, manager, checkpoint.current());
        } else if (plan.parent() != null) {
            restore(net, manager, serialize(plan.parent().net()));
            if (plan.resetHead()) {
                resetHead(net);
            }
        }
        if (plan.parent() != null) {
            freeze(net, freeze);
        }
    }

    /** What a trained model's {@value ModelDescriptor#FILE} says: this model, the graphs it reads, its hyper-parameters. */
    private ModelDescriptor descriptor(Plan plan, Map<String, Object> metrics) {
        CrystalGraph first = plan.first();
        return new ModelDescriptor(ModelDescriptor.FORMAT, name(), version(), first.featurizerName(), first.featurizerVersion(),
                first.nodeFeatureCount(), first.edgeFeatureCount(), plan.hp(), plan.normalizer(), PARAMETERS_FILE, "", metrics);
    }

    /** The training record of the descriptor: data sizes and hash, epochs, best epoch and MAE, throughput, options, fine-tuning. */
    private Map<String, Object> metrics(TrainingRequest request, Plan plan, Block net, Run run, Checkpoint checkpoint) {
        TrainingOptions options = request.options();
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("trainStructures", request.train().size());
        metrics.put("validationStructures", request.validation().size());
        metrics.put("epochs", run.epochsRun);
        metrics.put("bestEpoch", run.bestEpoch);
        if (!request.validation().isEmpty()) {
            metrics.put("validationMae", run.bestMae);
        }
        metrics.put("trainingStructuresPerSecond", run.trainStructures / (run.trainNanos / 1e9));
        metrics.put("trainingDataSha256", dataHash(request.train()));
        metrics.put("learningRate", options.learningRate());
        metrics.put("batchSize", options.batchSize());
        metrics.put("seed", options.seed());
        metrics.put("training", options.summary());
        if (checkpoint != null) {
            metrics.put("resumedAfterEpoch", checkpoint.epoch());
        }
        if (plan.parent() != null) {
            metrics.put("fineTuning", fineTuningMetrics(request, plan, net));
        }
        return metrics;
    }

    /** What fine-tuning froze and re-initialised, counted in parameter values, and the parent's parameters' hash. */
    private Map<String, Object> fineTuningMetrics(TrainingRequest request, Plan plan, Block net) {
        Map<String, Object> fineTuning = new LinkedHashMap<>();
        fineTuning.put("resetHead", plan.resetHead());
        fineTuning.put("freeze", List.copyOf(new java.util.TreeSet<>(request.fineTuning().freeze())));
        fineTuning.put("frozenValues", values(net, request.fineTuning().freeze()));
        fineTuning.put("resetValues", plan.resetHead() ? values(net, Set.of(HEAD)) : 0L);
        fineTuning.put("parentParametersSha256", plan.parent().descriptor().parametersSha256());
        return fineTuning;
    }

    /** The summed loss of an epoch's batches, weighted by batch size, and how many structures they held. */
    private record EpochLoss(double sum, int seen) {
        double mean() {
            return sum / seen;
        }
    }

    /**
     * The epochs of one training and their bookkeeping: the shuffled order (one seeded generator, replayed on resume),
     * the learning rate of the epoch, the best epoch so far with its parameters, and the throughput counters; resumed
     * from a checkpoint when there is one.
     */
    private final class Run {

        private final TrainingRequest request;
        private final TrainingOptions options;
        private final Plan plan;
        private final Model model;
        private final Block net;
        private final Random random;
        private final List<Sample> order;
        private final int startEpoch;
        /** The learning rate of the epoch being trained, read by the optimizer's tracker. */
        private float learningRate;
        private int epochsRun;
        private int bestEpoch;
        private double bestMae = Double.POSITIVE_INFINITY;
        private byte[] best;
        private long trainNanos;
        private long trainStructures;

        Run(TrainingRequest request, Plan plan, Model model, Block net, Checkpoint checkpoint) {
            this.request = request;
            this.options = request.options();
            this.plan = plan;
            this.model = model;
            this.net = net;
            this.random = new Random(options.seed());
            this.order = new ArrayList<>(request.train());
            this.learningRate = (float) options.learningRateAt(1);
            if (checkpoint != null) {
                resume(checkpoint);
            }
            this.startEpoch = epochsRun + 1;
        }

        /** Takes over the checkpoint's bookkeeping and brings the shuffling state to where it was after its epochs. */
        private void resume(Checkpoint checkpoint) {
            for (int e = 1; e <= checkpoint.epoch(); e++) {
                Collections.shuffle(order, random);
            }
            epochsRun = checkpoint.epoch();
            bestEpoch = checkpoint.bestEpoch();
            bestMae = checkpoint.bestMae();
            best = checkpoint.best();
            trainNanos = checkpoint.trainNanos();
            trainStructures = checkpoint.trainStructures();
        }

        /** Trains epoch after epoch until the last one, or until {@code patience} epochs in a row bring no improvement. */
        void trainEpochs() {
            try (Trainer trainer = model.newTrainer(trainingConfig())) {
                initialize(trainer);
                long start = System.nanoTime();
                for (int epoch = startEpoch; epoch <= options.epochs() && !patienceRunOut(); epoch++) {
                    learningRate = (float) options.learningRateAt(epoch);
                    Collections.shuffle(order, random);
                    List<List<Sample>> batches = batches(order, options.batchSize());
                    long epochStart = System.nanoTime();
                    EpochLoss loss = trainEpoch(trainer, epoch, batches, epochStart);
                    long epochNanos = System.nanoTime() - epochStart;
                    trainNanos += epochNanos;
                    trainStructures += loss.seen();
                    epochsRun = epoch;
                    double mae = validationMae();
                    keepIfBest(epoch, mae);
                    writeCheckpoint(epoch);
                    reportEpoch(epoch, batches.size(), loss, mae, start, epochNanos);
                }
            }
        }

        /** Adam or AdamW with the options' weight decay, at the learning rate of the epoch being trained. */
        private DefaultTrainingConfig trainingConfig() {
            Tracker tracker = n -> learningRate;
            Optimizer optimizer = options.optimizer() == TrainingOptions.Optimizer.ADAMW
                    ? Optimizer.adamW().optLearningRateTracker(tracker).optWeightDecays((float) options.weightDecay()).build()
                    : Optimizer.adam().optLearningRateTracker(tracker).optWeightDecays((float) options.weightDecay()).build();
            return new DefaultTrainingConfig(Loss.l2Loss()).optOptimizer(optimizer);
        }

        /** Gives the trainer the input shapes of a first batch (parameters not yet loaded get their initial values). */
        private void initialize(Trainer trainer) {
            List<Sample> train = request.train();
            try (NDManager sub = model.getNDManager().newSubManager()) {
                NDList inputs = inputs(sub, batchOf(train.subList(0, Math.min(train.size(), options.batchSize()))), plan.hp());
                trainer.initialize(inputs.getShapes());
            }
        }

        private boolean patienceRunOut() {
            return options.patience() > 0 && epochsRun - bestEpoch >= options.patience();
        }

        /** One optimizer step per batch, checking for cancellation before each and reporting progress after each but the last. */
        private EpochLoss trainEpoch(Trainer trainer, int epoch, List<List<Sample>> batches, long epochStart) {
            double lossSum = 0;
            int seen = 0;
            for (int b = 0; b < batches.size(); b++) {
                request.cancellation().check();
                List<Sample> batch = batches.get(b);
                float loss = step(trainer, model, batch, plan.hp(), plan.normalizer(), options.loss());
                lossSum += loss * batch.size();
                seen += batch.size();
                if (b + 1 < batches.size()) {
                    reportBatch(epoch, b + 1, batches.size(), new EpochLoss(lossSum, seen), epochStart);
                }
            }
            return new EpochLoss(lossSum, seen);
        }

        private void reportBatch(int epoch, int batchesDone, int batchCount, EpochLoss loss, long epochStart) {
            double elapsed = (System.nanoTime() - epochStart) / 1e9;
            double perEpoch = elapsed / loss.seen() * request.train().size();
            double eta = perEpoch * (options.epochs() - epoch) + (perEpoch - elapsed);
            request.listener().onProgress(new TrainingProgress(epoch, options.epochs(), batchesDone, batchCount, loss.mean(),
                    Double.NaN, bestEpoch, eta, loss.seen() / elapsed));
        }

        /** The validation MAE in target units, or NaN without validation structures. */
        private double validationMae() {
            List<Sample> validation = request.validation();
            if (validation.isEmpty()) {
                return Double.NaN;
            }
            return Metrics.of(targets(validation), predict(net, model.getNDManager(), graphs(validation), plan.hp(), plan.normalizer()))
                    .mae();
        }

        /** Keeps the epoch's parameters when its validation MAE is the best so far; without validation, every epoch's (the last wins). */
        private void keepIfBest(int epoch, double mae) {
            boolean noValidation = request.validation().isEmpty();
            if (noValidation || mae < bestMae) {
                bestMae = noValidation ? Double.NaN : mae;
                bestEpoch = epoch;
                best = serialize(net);
            }
        }

        private void writeCheckpoint(int epoch) {
            if (request.checkpoint() != null) {
                new Checkpoint(request.checkpointKey(), epoch, bestEpoch, bestMae, trainNanos, trainStructures, serialize(net), best)
                        .write(request.checkpoint());
            }
        }

        private void reportEpoch(int epoch, int batchCount, EpochLoss loss, double mae, long runStart, long epochNanos) {
            double elapsed = (System.nanoTime() - runStart) / 1e9;
            int done = epoch - startEpoch + 1;
            request.listener().onProgress(new TrainingProgress(epoch, options.epochs(), batchCount, batchCount, loss.mean(), mae,
                    bestEpoch, elapsed / done * (options.epochs() - epoch), loss.seen() / (epochNanos / 1e9)));
        }

        /** The best epoch's parameters. */
        byte[] bestParameters() {
            if (best == null) {
                throw new IllegalStateException("no epoch was trained");
            }
            return best;
        }
    }

    /**
     * Closes the head's parameters: uninitialised again, {@link Trainer#initialize} gives them fresh values from their
     * initializers (DJL's defaults by parameter type: Xavier for weights, zeros for biases) and the engine's seeded random
     * state, while every other block keeps the parent's loaded values.
     */
    private void resetHead(Block net) {
        List<Parameter> head = layerGroupParameters(net).get(HEAD);
        if (head.isEmpty()) {
            throw new IllegalStateException("model " + name() + " has no parameters in its layer group '" + HEAD + "' to reset");
        }
        for (Parameter p : head) {
            p.close();
        }
    }

    /**
     * Freezes the parameters of {@code groups}: the optimizer updates only parameters that require a gradient (weight
     * decay included), and the networks run a block whose parameters are all frozen in inference mode
     * ({@link VersionedBlock#forwardChild}) so that its batch-norm statistics stay as the parent's too.
     */
    private void freeze(Block net, Set<String> groups) {
        Map<String, List<Parameter>> parameters = layerGroupParameters(net);
        for (String g : groups) {
            if (parameters.get(g).isEmpty()) {
                throw new IllegalArgumentException("layer group '" + g + "' of this " + name() + " network has no parameters to freeze");
            }
            for (Parameter p : parameters.get(g)) {
                p.freeze(true);
            }
        }
    }

    /** How many parameter values (scalars) {@code groups} hold. */
    private long values(Block net, Set<String> groups) {
        long count = 0;
        Map<String, List<Parameter>> parameters = layerGroupParameters(net);
        for (String g : groups) {
            for (Parameter p : parameters.get(g)) {
                count += p.getArray().size();
            }
        }
        return count;
    }

    private float step(Trainer trainer, Model model, List<Sample> batch, ObjectNode hp, Normalizer normalizer, TrainingOptions.Loss kind) {
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
                NDArray loss = loss(prediction.sub(labels), kind);
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

    /** Mean loss of the residuals: MSE, L1, or Huber with delta 1 (0.5 min(|r|,1)^2 + |r| - min(|r|,1)). */
    static NDArray loss(NDArray residual, TrainingOptions.Loss kind) {
        return switch (kind) {
            case MSE -> residual.square().mean();
            case L1 -> residual.abs().mean();
            case HUBER -> {
                NDArray abs = residual.abs();
                NDArray quadratic = abs.minimum(1f);
                yield quadratic.square().mul(0.5f).add(abs.sub(quadratic)).mean();
            }
        };
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
        return GraphInputs.of(manager, batch, attention(), maxDegree(hp), maxPath(hp), graphFeatures(hp));
    }

    /** Whether the network of these (complete) hyper-parameters reads the graph-level features. */
    protected static boolean graphFeatures(ObjectNode hyperParameters) {
        return hyperParameters.path(GRAPH_FEATURES).asBoolean(false);
    }

    /**
     * {@code hp} as the network is built for {@code graphs} like {@code first}: graph features only when the featurizer
     * gives graph-level columns (cgformer's 13; cgcnn and rbf give none), so model.json says what the network reads.
     */
    private static ObjectNode readable(ObjectNode hp, CrystalGraph first) {
        if (graphFeatures(hp) && first.graphFeatureCount() == 0) {
            hp.put(GRAPH_FEATURES, false);
        }
        return hp;
    }

    /** The hyper-parameters of a saved model: one saved before {@value #GRAPH_FEATURES} existed was built without them. */
    private static ObjectNode saved(ObjectNode hyperParameters) {
        ObjectNode copy = hyperParameters == null ? JsonNodeFactory.instance.objectNode() : hyperParameters.deepCopy();
        if (!copy.has(GRAPH_FEATURES)) {
            copy.put(GRAPH_FEATURES, false);
        }
        return copy;
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

    /**
     * Predictions in target units, in inference mode (batch norm running statistics), with libtorch's grad mode off on
     * this thread meanwhile: it is per thread and on by default except on the thread that started the engine, and with
     * it on, the forward pass could not overwrite its intermediates ({@link GraphInputs#inPlace}).
     */
    double[] predict(Block net, NDManager manager, List<CrystalGraph> graphs, ObjectNode hp, Normalizer normalizer) {
        return Autograd.withoutRecording(() -> predictInChunks(net, manager, graphs, hp, normalizer));
    }

    private double[] predictInChunks(Block net, NDManager manager, List<CrystalGraph> graphs, ObjectNode hp, Normalizer normalizer) {
        double[] out = new double[graphs.size()];
        for (int start = 0, end; start < graphs.size(); start = end) {
            end = predictionChunkEnd(graphs, start);
            List<CrystalGraph> chunk = graphs.subList(start, end);
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

    /**
     * End (exclusive) of the prediction batch from {@code start}: at most {@value #PREDICT_BATCH} graphs,
     * {@link #PREDICT_PAIRS} padded pairs and {@link #PREDICT_SLOTS} neighbour slots, at least one graph.
     */
    static int predictionChunkEnd(List<CrystalGraph> graphs, int start) {
        int end = start + 1;
        long largest = graphs.get(start).nodes();
        long slots = slots(graphs.get(start));
        while (end < graphs.size() && end - start < PREDICT_BATCH) {
            long next = Math.max(largest, graphs.get(end).nodes());
            slots += slots(graphs.get(end));
            if ((end - start + 1) * next * next > PREDICT_PAIRS || slots > PREDICT_SLOTS) {
                break;
            }
            largest = next;
            end++;
        }
        return end;
    }

    private static long slots(CrystalGraph graph) {
        return (long) graph.nodes() * graph.maxNeighbours();
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

    static void restore(Block net, NDManager manager, byte[] parameters) {
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

    /**
     * The parameter values of a model of this kind, flattened, by the parameter names {@link Block#getParameters()} gives
     * (batch-norm running statistics included): what fine-tuning froze or re-initialised can be checked value by value.
     *
     * @throws IllegalArgumentException when {@code model} is not a model of this kind
     */
    public Map<String, float[]> parameterValues(TrainedModel model) {
        Map<String, float[]> values = new LinkedHashMap<>();
        for (ai.djl.util.Pair<String, Parameter> p : djl(model).net().getParameters()) {
            values.put(p.getKey(), p.getValue().getArray().toFloatArray());
        }
        return values;
    }

    private DjlTrainedModel djl(TrainedModel model) {
        if (!(model instanceof DjlTrainedModel m) || !m.descriptor().model().equals(name())) {
            throw new IllegalArgumentException("not a trained '" + name() + "' model: " + model);
        }
        return m;
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
            hp = hyperParameters(saved(d.hyperParameters()));
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
