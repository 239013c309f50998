package org.cgformer.ml.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.cgformer.core.batch.BatchFailedException;
import org.cgformer.core.batch.BatchProcessor;
import org.cgformer.core.batch.BatchResult;
import org.cgformer.core.batch.ItemRefusedException;
import org.cgformer.graph.api.CrystalGraph;
import org.cgformer.graph.api.FeaturizationException;
import org.cgformer.graph.api.Featurizer;
import org.cgformer.graph.api.FeaturizerRegistry;
import org.cgformer.graph.api.GraphCache;
import org.cgformer.graph.api.GraphOptions;
import org.cgformer.ml.api.Cancellation;
import org.cgformer.ml.api.Dataset;
import org.cgformer.ml.api.Metrics;
import org.cgformer.ml.api.ModelDescriptor;
import org.cgformer.ml.api.ModelFileException;
import org.cgformer.ml.api.PropertyModel;
import org.cgformer.ml.api.Sample;
import org.cgformer.ml.api.Split;
import org.cgformer.ml.api.Splits;
import org.cgformer.ml.api.TrainedModel;
import org.cgformer.ml.api.TrainingCancelledException;
import org.cgformer.ml.api.TrainingOptions;
import org.cgformer.ml.api.TrainingRequest;
import org.cgformer.ml.training.Ensemble;
import org.cgformer.ml.training.FoldResult;
import org.cgformer.ml.training.GraphSet;
import org.cgformer.ml.training.LabelledData;
import org.cgformer.ml.training.Refused;
import org.cgformer.ml.training.TrainingJob;
import org.cgformer.ml.training.TrainingMonitor;
import org.cgformer.ml.training.TrainingResult;
import org.cgformer.ml.training.TrainingService;
import org.cgformer.structure.api.Structure;
import org.cgformer.structure.api.StructureException;
import org.cgformer.structure.api.StructureFormatException;
import org.cgformer.structure.api.StructureReader;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The {@link TrainingService} component: models, featurizers and readers are bound by Declarative Services. */
public final class TrainingServiceComponent implements TrainingService {

    /** Checkpoint sub-folder of a model folder while it trains. */
    static final String CHECKPOINT = "checkpoint";
    /** Descriptor metric holding the fingerprint of the data and settings a model was trained with. */
    static final String RUN_KEY = "runKey";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int MAX_REFUSED_LINES = 20;

    private final List<PropertyModel> models = new CopyOnWriteArrayList<>();
    private final RunningTrainings running = new RunningTrainings();
    private final List<StructureReader> readers = new CopyOnWriteArrayList<>();
    private volatile FeaturizerRegistry registry;

    public void setRegistry(FeaturizerRegistry value) {
        registry = value;
    }

    public void unsetRegistry(FeaturizerRegistry value) {
        if (registry == value) {
            registry = null;
        }
    }

    public void addModel(PropertyModel model) {
        models.add(model);
    }

    public void removeModel(PropertyModel model) {
        models.remove(model);
        running.modelRemoved(model);
    }

    public void addReader(StructureReader reader) {
        readers.add(reader);
    }

    public void removeReader(StructureReader reader) {
        readers.remove(reader);
    }

    private FeaturizerRegistry registry() {
        FeaturizerRegistry r = registry;
        if (r == null) {
            throw new IllegalStateException("no featurizer registry is installed");
        }
        return r;
    }

    @Override
    public List<PropertyModel> models() {
        return models.stream().sorted(Comparator.comparing(PropertyModel::name)).toList();
    }

    @Override
    public PropertyModel model(String name) {
        return models.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow(() -> new IllegalArgumentException("no model '"
                + name + "' is installed; installed: " + String.join(", ", models().stream().map(PropertyModel::name).toList())));
    }

    @Override
    public Featurizer featurizer(String spec) throws FeaturizationException {
        return registry().get(spec);
    }

    // ---------------------------------------------------------------- featurization

    private record Item(String id, Path file, double target) {
    }

    private record Outcome(CrystalGraph graph, String error) {
    }

    @Override
    public LabelledData loadDataset(Path folder, Featurizer featurizer, Path cacheFolder, TrainingMonitor monitor) throws IOException {
        TrainingMonitor m = monitor == null ? TrainingMonitor.NONE : monitor;
        Dataset dataset = Dataset.read(folder, true);
        List<Item> items = dataset.entries().stream().map(e -> new Item(e.id(), e.file(), e.target())).toList();
        long t0 = System.nanoTime();
        GraphCache cache = cacheFolder == null ? null : GraphCache.open(cacheFolder, w -> m.message("graph cache: " + w));
        List<Outcome> outcomes = featurizeAll(items, featurizer, cache, m);
        List<Sample> samples = new ArrayList<>();
        List<Refused> refused = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Item it = items.get(i);
            Outcome o = outcomes.get(i);
            if (o.graph() != null) {
                samples.add(new Sample(it.id(), o.graph(), it.target()));
            } else {
                refused.add(new Refused(it.id(), it.file(), o.error()));
            }
        }
        report(m, folder.toString(), samples.size(), refused, featurizer, cache, t0);
        if (samples.isEmpty()) {
            throw new IOException("no structure of " + folder + " could be used" + (refused.isEmpty() ? "" : "; the first: " + refused.get(0).reason()));
        }
        return new LabelledData(dataset, featurizer, samples, refused);
    }

    @Override
    public GraphSet featurize(List<Path> files, Featurizer featurizer, Path cacheFolder, TrainingMonitor monitor) {
        TrainingMonitor m = monitor == null ? TrainingMonitor.NONE : monitor;
        List<Item> items = files.stream().map(f -> new Item(id(f), f, Double.NaN)).toList();
        long t0 = System.nanoTime();
        GraphCache cache;
        try {
            cache = cacheFolder == null ? null : GraphCache.open(cacheFolder, w -> m.message("graph cache: " + w));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the graph cache " + cacheFolder + ": " + e.getMessage(), e);
        }
        List<Outcome> outcomes = featurizeAll(items, featurizer, cache, m);
        List<String> ids = new ArrayList<>();
        List<Path> kept = new ArrayList<>();
        List<CrystalGraph> graphs = new ArrayList<>();
        List<Refused> refused = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Outcome o = outcomes.get(i);
            if (o.graph() != null) {
                ids.add(items.get(i).id());
                kept.add(items.get(i).file());
                graphs.add(o.graph());
            } else {
                refused.add(new Refused(items.get(i).id(), items.get(i).file(), o.error()));
            }
        }
        report(m, files.size() + " files", graphs.size(), refused, featurizer, cache, t0);
        return new GraphSet(ids, kept, graphs, refused);
    }

    private static String id(Path file) {
        String name = file.getFileName().toString();
        return name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
    }

    private static void report(TrainingMonitor m, String what, int done, List<Refused> refused, Featurizer featurizer, GraphCache cache,
            long t0) {
        m.message(String.format(Locale.ROOT, "featurized %d structures of %s with %s@%s in %.1f s%s%s", done, what, featurizer.name(),
                featurizer.version(), (System.nanoTime() - t0) / 1e9,
                cache == null ? "" : " (" + cache.hits() + " from the graph cache " + cache.folder() + ")",
                refused.isEmpty() ? "" : "; " + refused.size() + " refused:"));
        for (int i = 0; i < Math.min(MAX_REFUSED_LINES, refused.size()); i++) {
            m.message("  refused " + refused.get(i).id() + ": " + refused.get(i).reason());
        }
        if (refused.size() > MAX_REFUSED_LINES) {
            m.message("  … and " + (refused.size() - MAX_REFUSED_LINES) + " more");
        }
    }

    /**
     * One outcome per item, in item order, on the one batch helper: a file that cannot be read or featurized is refused
     * with its reason; anything else is a bug and fails loudly ({@link BatchFailedException}).
     */
    private List<Outcome> featurizeAll(List<Item> items, Featurizer featurizer, GraphCache cache, TrainingMonitor m) {
        List<StructureReader> readerSnapshot = List.copyOf(readers);
        GraphOptions options = GRAPH_OPTIONS;
        Cancellation cancel = m.cancellation();
        BatchProcessor batch = BatchProcessor.builder().setName("featurize").optCancellation(() -> cancel != null && cancel.isCancelled())
                .build();
        BatchResult<Item, CrystalGraph> result = batch.run(items, item -> featurizeOne(item.file(), featurizer, options, cache, readerSnapshot),
                p -> m.work("featurize", p.done(), p.total(), p.etaSeconds()));
        if (!result.notStarted().isEmpty()) {
            throw new TrainingCancelledException();
        }
        Map<Item, Outcome> byItem = new IdentityHashMap<>();
        result.processed().forEach(p -> byItem.put(p.item(), new Outcome(p.result(), null)));
        result.refused().forEach(r -> byItem.put(r.item(), new Outcome(null, r.reason())));
        List<Outcome> outcomes = new ArrayList<>(items.size());
        for (Item item : items) {
            outcomes.add(byItem.get(item));
        }
        return outcomes;
    }

    /** The graph options of every featurization of this service: files, datasets and structure texts alike. */
    private static final GraphOptions GRAPH_OPTIONS = GraphOptions.defaults();

    @Override
    public CrystalGraph featurize(String fileName, String content, Featurizer featurizer) throws FeaturizationException {
        try {
            Structure structure = StructureReader.readText(List.copyOf(readers), fileName, content).structure();
            return featurizer.featurize(structure, GRAPH_OPTIONS);
        } catch (StructureFormatException e) {
            throw new FeaturizationException(e.getMessage(), e); // it names the file and the line
        } catch (StructureException e) {
            throw new FeaturizationException(fileName + ": " + e.getMessage(), e);
        }
    }

    private static CrystalGraph featurizeOne(Path file, Featurizer featurizer, GraphOptions options, GraphCache cache,
            List<StructureReader> readers) throws ItemRefusedException {
        try {
            if (!Files.isRegularFile(file)) {
                throw new ItemRefusedException(file + ": no such file");
            }
            Structure structure = StructureReader.readFile(readers, file).structure();
            if (cache != null) {
                return cache.computeIfAbsent(Files.readAllBytes(file), structure, featurizer, options);
            }
            return featurizer.featurize(structure, options);
        } catch (StructureFormatException e) {
            throw new ItemRefusedException(e.getMessage(), e); // it names the file and the line
        } catch (FeaturizationException | StructureException e) {
            throw new ItemRefusedException(file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ItemRefusedException(file + ": " + e, e);
        }
    }

    // ---------------------------------------------------------------- splits

    @Override
    public List<Split> kFold(LabelledData data, int k, long seed) {
        // references (the dataset's references.txt) are in every fold's training part
        java.util.Set<String> references;
        try {
            references = new java.util.HashSet<>(data.dataset().references());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(data.dataset().folder().resolve(Dataset.REFERENCES) + ": " + e.getMessage(), e);
        }
        java.util.Set<Integer> alwaysTrain = new java.util.HashSet<>();
        for (int i = 0; i < data.samples().size(); i++) {
            if (references.contains(data.samples().get(i).id())) {
                alwaysTrain.add(i);
            }
        }
        return Splits.kFold(data.size(), k, seed, alwaysTrain);
    }

    @Override
    public List<Split> folds(LabelledData data, Path foldsJson) throws IOException {
        List<String> all = data.dataset().ids();
        Map<String, Integer> sampleIndex = new HashMap<>();
        for (int i = 0; i < data.samples().size(); i++) {
            sampleIndex.put(data.samples().get(i).id(), i);
        }
        List<Split> out = new ArrayList<>();
        for (Split s : Splits.predefined(foldsJson, all)) {
            out.add(new Split(s.name(), remap(s.train(), all, sampleIndex), remap(s.test(), all, sampleIndex)));
        }
        return out;
    }

    private static List<Integer> remap(List<Integer> entryIndices, List<String> ids, Map<String, Integer> sampleIndex) {
        List<Integer> out = new ArrayList<>(entryIndices.size());
        for (int i : entryIndices) {
            Integer s = sampleIndex.get(ids.get(i));
            if (s != null) {
                out.add(s);
            }
        }
        return List.copyOf(out);
    }

    // ---------------------------------------------------------------- training

    @Override
    public TrainingResult run(TrainingJob job, TrainingMonitor monitor) throws IOException {
        TrainingMonitor m = monitor == null ? TrainingMonitor.NONE : monitor;
        reportRefused(job.data(), m);
        Path output = job.output();
        if (output != null) {
            Files.createDirectories(output);
        }
        if (job.parent() == null) {
            return new Runner(job, m, job.model(), job.hyperParameters(), null, null).run(output, null);
        }
        try (Ensemble parents = loadEnsemble(job.parent(), false)) {
            Ensemble.Member member = parentToFineTune(parents, job.data().featurizer(), m);
            ModelDescriptor pd = member.model().descriptor();
            Runner runner = new Runner(job, m, model(pd.model()), pd.hyperParameters(), member, parentRecord(member));
            return runner.run(output, member.folder());
        }
    }

    private static void reportRefused(LabelledData data, TrainingMonitor m) {
        if (!data.refused().isEmpty()) {
            m.message(data.refused().size() + " structures of " + data.folder() + " were refused and are left out");
        }
    }

    /**
     * The model of {@code parents} to fine-tune: the only one, or the fold model with the best validation MAE; refused
     * when it reads graphs of another featurizer than the data's.
     */
    private static Ensemble.Member parentToFineTune(Ensemble parents, Featurizer dataFeaturizer, TrainingMonitor m) {
        Ensemble.Member member = parents.best();
        if (parents.size() > 1) {
            m.message(String.format(Locale.ROOT, "fine-tuning from %s: %s, the best of %d fold models (validation MAE %.4g)",
                    parents.folder(), member.name(), parents.size(), member.model().descriptor().metric("validationMae")));
        } else {
            m.message("fine-tuning from " + member.folder());
        }
        ModelDescriptor pd = member.model().descriptor();
        if (!dataFeaturizer.name().equals(pd.featurizer()) || !dataFeaturizer.version().equals(pd.featurizerVersion())) {
            throw new IllegalArgumentException("the parent model " + member.folder() + " reads graphs of " + pd.featurizer() + "@"
                    + pd.featurizerVersion() + "; the data were featurized with " + dataFeaturizer.name() + "@" + dataFeaturizer.version());
        }
        return member;
    }

    /** The {@value ModelDescriptor#PARENT} record of a fine-tuned model's descriptor: which parent, where, and its parameters' hash. */
    private static Map<String, Object> parentRecord(Ensemble.Member member) {
        ModelDescriptor pd = member.model().descriptor();
        Map<String, Object> parent = new LinkedHashMap<>();
        parent.put("path", member.folder().toAbsolutePath().normalize().toString());
        parent.put("model", pd.model());
        parent.put("modelVersion", pd.modelVersion());
        parent.put("parametersSha256", pd.parametersSha256());
        parent.put("member", member.name());
        return parent;
    }

    /** A trained model scored on its test (or validation) structures. */
    private record Evaluation(double[] targets, double[] predicted, Metrics metrics, double inferPerSecond) {
    }

    /** One run of a job: the folds, the hold-out or final models. */
    private final class Runner {
        private final TrainingJob job;
        private final TrainingMonitor monitor;
        private final PropertyModel kind;
        private final ObjectNode hp;
        private final Ensemble.Member parent;
        private final Map<String, Object> parentRecord;
        private final List<Sample> samples;
        private final TrainingOptions options;

        Runner(TrainingJob job, TrainingMonitor monitor, PropertyModel kind, ObjectNode hp, Ensemble.Member parent,
                Map<String, Object> parentRecord) {
            this.job = job;
            this.monitor = monitor;
            this.kind = kind;
            this.hp = hp;
            this.parent = parent;
            this.parentRecord = parentRecord;
            this.samples = job.data().samples();
            this.options = job.options();
        }

        TrainingResult run(Path output, Path parentFolder) throws IOException {
            List<Integer> all = IntStream.range(0, samples.size()).boxed().toList();
            monitor.message(kind.name() + " " + (parent != null ? "fine-tuning" : "training") + ": " + options.summary());
            if (job.splits() == null) {
                FoldResult r = trainOne("model", all, null, output);
                return new TrainingResult(kind.name(), output, List.of(r), null, parentFolder, false);
            }
            List<FoldResult> folds = new ArrayList<>();
            for (Split split : job.splits()) {
                if (split.test().isEmpty() || split.train().size() < 2) {
                    throw new IllegalArgumentException("fold " + split.name() + " has " + split.train().size() + " training and "
                            + split.test().size() + " test structures");
                }
                folds.add(trainOne(split.name(), split.train(), split.test(), output == null ? null : output.resolve(split.name())));
                if (output != null) {
                    writeMetrics(output, kind.name(), folds);
                }
            }
            FoldResult fin = job.finalModel() ? trainOne(FINAL, all, null, output == null ? null : output.resolve(FINAL)) : null;
            return new TrainingResult(kind.name(), output, folds, fin, parentFolder, true);
        }

        private FoldResult trainOne(String name, List<Integer> trainPart, List<Integer> testPart, Path folder) throws IOException {
            List<List<Integer>> parts = Splits.holdOut(trainPart, job.validationFraction(), options.seed());
            List<Sample> train = pick(samples, parts.get(0));
            List<Sample> validation = pick(samples, parts.get(1));
            List<Sample> test = testPart == null ? validation : pick(samples, testPart);
            String key = runKey(train, validation);
            if (folder != null) {
                FoldResult done = reuseFinished(name, folder, key, test);
                if (done != null) {
                    return done;
                }
            }
            monitor.message(String.format(Locale.ROOT, "%s %s: %d training, %d validation%s structures", kind.name(), name, train.size(),
                    validation.size(), testPart == null ? "" : ", " + test.size() + " test"));
            TrainingRequest.Builder request = request(name, train, validation, folder, key);
            Cancellation cancellation = running.start(kind, monitor.cancellation());
            try (TrainedModel trained = kind.train(request.cancellation(cancellation).build())) {
                Evaluation evaluation = evaluate(trained, test);
                ModelDescriptor d = trained.descriptor();
                monitor.message(String.format(Locale.ROOT, "  %s %s MAE %.4g, RMSE %.4g, R2 %.3f (best epoch %d of %d)", name,
                        testPart == null ? "validation" : "test", evaluation.metrics().mae(), evaluation.metrics().rmse(),
                        evaluation.metrics().r2(), (int) d.metric("bestEpoch"), (int) d.metric("epochs")));
                if (folder != null) {
                    save(trained, folder, key, test, evaluation, testPart != null);
                }
                return new FoldResult(name, folder, evaluation.metrics(), (int) d.metric("bestEpoch"), (int) d.metric("epochs"),
                        d.metric("trainingStructuresPerSecond"), evaluation.inferPerSecond(), test.stream().map(Sample::id).toList(),
                        evaluation.targets(), evaluation.predicted(), false);
            } catch (TrainingCancelledException e) {
                throw withReason(e, cancellation);
            } finally {
                running.finish(cancellation);
            }
        }

        /**
         * The model this very run finished earlier in {@code folder}, reused when resuming (null otherwise or when there is
         * none); without resuming, the folder's checkpoint is deleted so that training starts afresh.
         */
        private FoldResult reuseFinished(String name, Path folder, String key, List<Sample> test) throws IOException {
            FoldResult done = finished(name, folder, key, test);
            if (done != null) {
                monitor.message(String.format(Locale.ROOT, "%s %s: finished earlier in %s (MAE %.4g), reused", kind.name(), name, folder,
                        done.metrics().mae()));
                return done;
            }
            if (!job.resume()) {
                deleteTree(folder.resolve(CHECKPOINT));
            }
            return null;
        }

        /** The model's training request (without its cancellation): progress reported under {@code name}, checkpoints in {@code folder}. */
        private TrainingRequest.Builder request(String name, List<Sample> train, List<Sample> validation, Path folder, String key) {
            TrainingRequest.Builder request = TrainingRequest.builder(train, validation).hyperParameters(hp).options(options)
                    .listener(p -> monitor.progress(name, p));
            if (folder != null) {
                request.checkpoint(folder.resolve(CHECKPOINT), key);
            }
            if (parent != null) {
                request.fineTune(parent.model(), parent.folder(), job.fineTuning());
            }
            return request;
        }

        /** A trained model's predictions for the test structures, scored against their targets, and the inference throughput. */
        private Evaluation evaluate(TrainedModel trained, List<Sample> test) {
            long t0 = System.nanoTime();
            double[] predicted = trained.predict(test.stream().map(Sample::graph).toList());
            double inferPerSecond = test.size() / ((System.nanoTime() - t0) / 1e9);
            double[] targets = test.stream().mapToDouble(Sample::target).toArray();
            return new Evaluation(targets, predicted, Metrics.of(targets, predicted), inferPerSecond);
        }

        /**
         * Writes the model folder: the model, its descriptor with the run's metrics, the parity file; then deletes the
         * checkpoint, which the finished model replaces.
         */
        private void save(TrainedModel trained, Path folder, String key, List<Sample> test, Evaluation evaluation, boolean testPart)
                throws IOException {
            trained.save(folder);
            // without a test part the parity rows are the validation structures that chose the best epoch: say so
            String split = testPart ? "test" : "validation";
            savedDescriptor(folder, key, evaluation, testPart, split).write(folder);
            writeParity(folder.resolve(PARITY_FILE), test, evaluation.predicted(), split);
            deleteTree(folder.resolve(CHECKPOINT));
        }

        /** The saved descriptor with what only the run knows: throughput, run key, test scores, parent, parity split, data recipe and labels. */
        private ModelDescriptor savedDescriptor(Path folder, String key, Evaluation evaluation, boolean testPart, String split)
                throws IOException {
            Metrics metrics = evaluation.metrics();
            ModelDescriptor saved = ModelDescriptor.read(folder).withMetric("inferenceStructuresPerSecond", evaluation.inferPerSecond())
                    .withMetric(RUN_KEY, key);
            if (testPart) {
                saved = saved.withMetric("testMae", metrics.mae()).withMetric("testRmse", metrics.rmse())
                        .withMetric("testR2", metrics.r2()).withMetric("testStructures", metrics.count());
            }
            if (parentRecord != null) {
                saved = saved.withMetric(ModelDescriptor.PARENT, parentRecord);
            }
            saved = saved.withMetric(PARITY_SPLIT, split);
            Map<String, Object> recipe = ModelDescriptor.recipeOf(job.data().folder()); // how the data's structures were made
            if (recipe != null) {
                saved = saved.withMetric(ModelDescriptor.RECIPE, recipe);
            }
            Map<String, Object> labels = ModelDescriptor.labelsOf(job.data().folder()); // how its targets were made
            if (labels != null) {
                saved = saved.withMetric(ModelDescriptor.LABELS, labels);
            }
            return saved;
        }

        /** The cancellation, with the reason when the service cancelled it (the model's bundle went away), else as it came. */
        private TrainingCancelledException withReason(TrainingCancelledException e, Cancellation cancellation) {
            String why = running.reason(cancellation);
            if (why == null) {
                return e;
            }
            return new TrainingCancelledException("training of model '" + kind.name() + "' cancelled: " + why);
        }

        /** Fingerprint of what a model is trained on and how: a finished model or checkpoint is reused only when it matches. */
        private String runKey(List<Sample> train, List<Sample> validation) {
            StringBuilder text = new StringBuilder();
            text.append(kind.name()).append('@').append(kind.version()).append('\n').append(hp == null ? "{}" : hp.toString()).append('\n')
                    .append(options).append('\n').append(job.fineTuning()).append('\n')
                    .append(parent == null ? "" : parent.model().descriptor().parametersSha256()).append('\n');
            for (Sample s : train) {
                text.append(s.id()).append(',').append(s.target()).append('\n');
            }
            text.append("validation\n");
            for (Sample s : validation) {
                text.append(s.id()).append(',').append(s.target()).append('\n');
            }
            return sha256(text.toString());
        }

        /** The finished model in {@code folder} of this very run, null when there is none or resuming is off. */
        private FoldResult finished(String name, Path folder, String key, List<Sample> test) throws IOException {
            if (!Files.isRegularFile(folder.resolve(ModelDescriptor.FILE)) || !Files.isRegularFile(folder.resolve(PARITY_FILE))) {
                return null;
            }
            if (!job.resume()) {
                return null;
            }
            ModelDescriptor d = ModelDescriptor.read(folder);
            if (!key.equals(d.metrics().get(RUN_KEY))) {
                throw new IllegalArgumentException(folder + " holds a model trained on other data or with other settings; "
                        + "choose another output folder, or train afresh without resuming (--fresh)");
            }
            List<String> ids = new ArrayList<>();
            List<double[]> rows = new ArrayList<>();
            List<String> lines = Files.readAllLines(folder.resolve(PARITY_FILE));
            for (int i = 1; i < lines.size(); i++) {
                String[] cells = lines.get(i).split(",");
                if (cells.length < 3) {
                    continue;
                }
                ids.add(cells[0]);
                rows.add(new double[] {Double.parseDouble(cells[1]), Double.parseDouble(cells[2])});
            }
            if (ids.size() != test.size()) {
                return null;
            }
            double[] targets = rows.stream().mapToDouble(r -> r[0]).toArray();
            double[] predicted = rows.stream().mapToDouble(r -> r[1]).toArray();
            return new FoldResult(name, folder, Metrics.of(targets, predicted), (int) d.metric("bestEpoch"), (int) d.metric("epochs"),
                    d.metric("trainingStructuresPerSecond"), d.metric("inferenceStructuresPerSecond"), ids, targets, predicted, true);
        }
    }

    private static List<Sample> pick(List<Sample> samples, List<Integer> indices) {
        List<Sample> out = new ArrayList<>(indices.size());
        for (int i : indices) {
            out.add(samples.get(i));
        }
        return out;
    }

    /** {@link #PARITY_FILE}; the split column comes last, so readers of the first four columns are unaffected. */
    static void writeParity(Path file, List<Sample> test, double[] predicted, String split) throws IOException {
        StringBuilder csv = new StringBuilder("id,target,predicted,residual,split\n");
        for (int i = 0; i < test.size(); i++) {
            csv.append(test.get(i).id()).append(',').append(test.get(i).target()).append(',').append(predicted[i]).append(',')
                    .append(predicted[i] - test.get(i).target()).append(',').append(split).append('\n');
        }
        Files.writeString(file, csv);
    }

    static void writeMetrics(Path output, String model, List<FoldResult> results) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", model);
        ArrayNode folds = root.putArray("folds");
        double[] mae = new double[results.size()];
        double[] rmse = new double[results.size()];
        double[] r2 = new double[results.size()];
        for (int i = 0; i < results.size(); i++) {
            FoldResult r = results.get(i);
            folds.addObject().put("fold", r.name()).put("mae", r.metrics().mae()).put("rmse", r.metrics().rmse()).put("r2", r.metrics().r2())
                    .put("test", r.metrics().count()).put("bestEpoch", r.bestEpoch()).put("epochs", r.epochs())
                    .put("trainingStructuresPerSecond", r.trainingStructuresPerSecond())
                    .put("inferenceStructuresPerSecond", r.inferenceStructuresPerSecond());
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
        Path tmp = output.resolve(METRICS_FILE + ".tmp");
        JSON.writeValue(tmp.toFile(), root);
        Files.move(tmp, output.resolve(METRICS_FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String sha256(String text) {
        return GraphCache.contentHash(text.getBytes(StandardCharsets.UTF_8));
    }

    // ---------------------------------------------------------------- ensembles

    @Override
    public Ensemble loadEnsemble(Path folder, boolean finalModel) throws ModelFileException {
        List<Path> folders = modelFolders(folder, finalModel);
        List<Ensemble.Member> members = new ArrayList<>();
        Featurizer featurizer = null;
        try {
            for (Path f : folders) {
                ModelDescriptor d = ModelDescriptor.read(f);
                PropertyModel kind = models.stream().filter(m -> m.name().equals(d.model())).findFirst()
                        .orElseThrow(() -> new ModelFileException(f + " holds a '" + d.model() + "' model, which is not installed (installed: "
                                + String.join(", ", models().stream().map(PropertyModel::name).toList()) + ")"));
                Featurizer fz = registry().find(d.featurizer(), d.featurizerVersion())
                        .orElseThrow(() -> new ModelFileException(f + " was trained on graphs of featurizer " + d.featurizer() + "@"
                                + d.featurizerVersion() + ", which is not installed (installed: " + String.join(", ",
                                        registry().featurizers().stream().map(x -> x.name() + "@" + x.version()).toList()) + ")"));
                if (featurizer != null && (!featurizer.name().equals(fz.name()) || !featurizer.version().equals(fz.version()))) {
                    throw new ModelFileException(f + " reads graphs of " + fz.name() + "@" + fz.version() + ", the other models in " + folder
                            + " of " + featurizer.name() + "@" + featurizer.version() + ": they cannot form one ensemble");
                }
                featurizer = fz;
                members.add(new Ensemble.Member(f.getFileName().toString(), f, kind.load(f)));
            }
            return new Ensemble(folder, featurizer, members);
        } catch (ModelFileException | RuntimeException e) {
            members.forEach(x -> x.model().close());
            throw e;
        }
    }

    static List<Path> modelFolders(Path folder, boolean finalModel) throws ModelFileException {
        if (finalModel) {
            Path f = folder.resolve(FINAL);
            if (!Files.isRegularFile(f.resolve(ModelDescriptor.FILE))) {
                throw new ModelFileException(folder + " has no model trained on all data (" + f + "/" + ModelDescriptor.FILE
                        + "); train with --final");
            }
            return List.of(f);
        }
        if (Files.isRegularFile(folder.resolve(ModelDescriptor.FILE))) {
            return List.of(folder);
        }
        if (!Files.isDirectory(folder)) {
            throw new ModelFileException("no model folder " + folder);
        }
        try (Stream<Path> list = Files.list(folder)) {
            List<Path> all = list.filter(p -> Files.isRegularFile(p.resolve(ModelDescriptor.FILE))).sorted().toList();
            List<Path> folds = all.stream().filter(p -> !p.getFileName().toString().equals(FINAL)).toList();
            if (!folds.isEmpty()) {
                return folds;
            }
            if (!all.isEmpty()) {
                return all;
            }
            throw new ModelFileException(folder + " is not a model folder: it has no " + ModelDescriptor.FILE + ", nor sub-folders with one");
        } catch (IOException e) {
            if (e instanceof ModelFileException mfe) {
                throw mfe;
            }
            throw new ModelFileException("cannot list " + folder + " (" + e + ")", e);
        }
    }
}
