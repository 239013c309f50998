package org.cgformer.bvse.internal;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.cgformer.bvse.api.BvseCalculator;
import org.cgformer.bvse.api.BvseException;
import org.cgformer.bvse.api.BvseOptions;
import org.cgformer.bvse.api.BvseResult;
import org.cgformer.bvse.api.DatasetLabeller;
import org.cgformer.bvse.api.LabellingListener;
import org.cgformer.bvse.api.LabellingRequest;
import org.cgformer.bvse.api.LabellingResult;
import org.cgformer.bvse.api.StructureIons;
import org.cgformer.core.batch.BatchProcessor;
import org.cgformer.core.batch.BatchResult;
import org.cgformer.core.batch.ItemRefusedException;
import org.cgformer.core.distributed.Execution;
import org.cgformer.core.distributed.Partition;
import org.cgformer.core.distributed.PartitionEngine;
import org.cgformer.core.distributed.PartitionedJob;
import org.cgformer.structure.api.StructureException;
import org.cgformer.structure.api.StructureFormatException;
import org.cgformer.structure.api.StructureReader;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The {@link DatasetLabeller} service (DS component {@code org.cgformer.bvse.labeller}) over the BVSE calculator. */
public class DefaultDatasetLabeller implements DatasetLabeller {

    private volatile BvseCalculator calculator;
    private final List<StructureReader> readers = new CopyOnWriteArrayList<>();
    private final List<PartitionEngine> engines = new CopyOnWriteArrayList<>();

    /** Structures per partition when the execution does not say how many partitions. */
    static final int DEFAULT_PARTITION_SIZE = 200;
    /** The folder of a partitioned run's request and finished partitions, inside the dataset folder. */
    static final String PARTITIONS = ".partitions";

    public void setCalculator(BvseCalculator calculator) {
        this.calculator = calculator;
    }

    public void addReader(StructureReader reader) {
        readers.add(reader);
    }

    public void removeReader(StructureReader reader) {
        readers.remove(reader);
    }

    public void addEngine(PartitionEngine engine) {
        engines.add(engine);
    }

    public void removeEngine(PartitionEngine engine) {
        engines.remove(engine);
    }

    @Override
    public LabellingResult label(LabellingRequest request, LabellingListener listener, Execution execution) throws IOException {
        if (execution.local()) {
            return label(request, listener);
        }
        PartitionEngine engine = PartitionEngine.find(engines, execution.engine());
        Run run = start(request, listener);
        Set<String> done = run.doneIds();
        List<Path> todo = run.todo;
        if (!todo.isEmpty()) {
            PartitionedLabelling partitioned = PartitionedLabelling.write(request, todo, request.output().resolve(PARTITIONS));
            List<Partition> all = Partition.split(todo.size(), execution.partitionsFor(todo.size(), DEFAULT_PARTITION_SIZE));
            List<Partition> missing = Partition.unfinished(all, partitioned.results());
            if (missing.size() < all.size()) {
                listener.note((all.size() - missing.size()) + " of " + all.size() + " partitions finished by an earlier run are kept");
            }
            engine.run(new PartitionedJob("dataset bvse " + request.source().getFileName(), PartitionedJob.workerCommand(
                    "dataset-bvse-partition", partitioned.request()), missing, partitioned.results(), execution.master(), execution.settings()),
                    listener::note);
            run.merge(todo, all, partitioned.results());
            partitioned.delete();
        }
        run.writeMetadata();
        copyRecipe(request, listener);
        return new LabellingResult(ids(run.labels).size() - countIn(done, run.labels), ids(run.refused).size() - countIn(done, run.refused), 0,
                request.output());
    }

    /** How many of {@code ids} a dataset CSV lists. */
    private static int countIn(Set<String> ids, Path csv) throws IOException {
        return (int) ids(csv).stream().filter(ids::contains).count();
    }

    @Override
    public void labelPartition(Path requestFile, long from, long to, int threads, Path result) throws IOException {
        PartitionedLabelling.Read read = PartitionedLabelling.read(requestFile);
        if (from < 0 || to > read.files().size() || from >= to) {
            throw new IOException(requestFile + ": partition [" + from + ", " + to + ") is not within its " + read.files().size() + " structures");
        }
        Path work = Files.createTempDirectory("cgformer-labels-");
        try {
            LabellingRequest local = new LabellingRequest(read.request().source(), work, read.request().options(), read.request().dimension(),
                    Math.max(1, threads));
            Run run = new Run(local, List.copyOf(readers), calculator);
            run.label(read.files().subList((int) from, (int) to), LabellingListener.NONE);
            List<String> rows = new ArrayList<>();
            for (String line : Files.readAllLines(run.labels, StandardCharsets.UTF_8)) {
                rows.add("label," + line);
            }
            if (Files.exists(run.refused)) {
                for (String line : Files.readAllLines(run.refused, StandardCharsets.UTF_8)) {
                    rows.add("refused," + line);
                }
            }
            Path temporary = result.resolveSibling(result.getFileName() + ".tmp");
            Files.write(temporary, rows, StandardCharsets.UTF_8);
            Files.move(temporary, result, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            PartitionedLabelling.deleteTree(work);
        }
    }

    @Override
    public LabellingResult label(LabellingRequest request, LabellingListener listener) throws IOException {
        Run run = start(request, listener);
        BatchResult<Path, Double> result = run.label(run.todo, listener);
        run.writeMetadata();
        copyRecipe(request, listener);
        return new LabellingResult(result.processed().size(), result.refused().size(), result.notStarted().size(),
                request.output());
    }

    /**
     * A run over the structures of the source not labelled or refused yet ({@link Run#todo}); the listener is told how
     * many are done and to do.
     */
    private Run start(LabellingRequest request, LabellingListener listener) throws IOException {
        if (!Files.isDirectory(request.source())) {
            throw new IOException("no such folder: " + request.source());
        }
        Files.createDirectories(request.output());
        Run run = new Run(request, List.copyOf(readers), calculator);
        Set<String> done = run.doneIds();
        run.todo = structureFiles(request.source(), run.readers).stream().filter(f -> !done.contains(DatasetLabeller.id(f))).toList();
        listener.started(done.size(), run.todo.size());
        return run;
    }

    /** The files of {@code folder} (recursively) that an installed reader accepts, sorted. */
    private static List<Path> structureFiles(Path folder, List<StructureReader> readers) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile)
                    .filter(f -> StructureReader.forFile(readers, f.getFileName().toString()).isPresent()).sorted().toList();
        }
    }

    /**
     * The structure recipe of the source folder ({@code recipe.json} of {@code design generate}) goes with the labels, so
     * that models trained on them record how their structures were made; a dataset that already has one keeps it.
     */
    private static void copyRecipe(LabellingRequest request, LabellingListener listener) throws IOException {
        Path recipe = request.source().resolve(RECIPE);
        Path target = request.output().resolve(RECIPE);
        if (!Files.isRegularFile(recipe)) {
            return;
        }
        if (!Files.exists(target)) {
            Files.copy(recipe, target);
        } else if (!Files.readString(target).equals(Files.readString(recipe))) {
            listener.note(target + " (the recipe of earlier structures) is kept; " + recipe + " differs: the dataset mixes recipes");
        }
    }

    /** One labelling run: its settings, the readers and calculator it started with, and its output files. */
    private static final class Run {
        private final LabellingRequest request;
        private final List<StructureReader> readers;
        private final BvseCalculator calculator;
        private final Path labels;
        private final Path refused;
        /** The structures this run labels: set by {@link DefaultDatasetLabeller#start}. */
        private List<Path> todo = List.of();

        Run(LabellingRequest request, List<StructureReader> readers, BvseCalculator calculator) {
            this.request = request;
            this.readers = readers;
            this.calculator = calculator;
            this.labels = request.output().resolve(LABELS);
            this.refused = request.output().resolve(REFUSED);
        }

        Set<String> doneIds() throws IOException {
            Set<String> done = new HashSet<>(ids(labels));
            done.addAll(ids(refused));
            return done;
        }

        BatchResult<Path, Double> label(List<Path> todo, LabellingListener listener) throws IOException {
            BatchProcessor batch = BatchProcessor.builder().setName("bvse-label").optThreads(request.threads())
                    .optCancellation(listener::isCancelled).build();
            try (Writer labelsOut = append(labels); Writer refusedOut = append(refused)) {
                return batch.run(todo, file -> labelOne(file, labelsOut, refusedOut), listener::finished);
            }
        }

        /** Labels one file, appending its row at once so that a stopped run keeps it; a refusal is appended too. */
        private Double labelOne(Path file, Writer labelsOut, Writer refusedOut) throws IOException, ItemRefusedException {
            String id = DatasetLabeller.id(file);
            try {
                double barrier = barrier(file);
                copyCif(file, id);
                appendLine(labelsOut, id + "," + String.format(Locale.ROOT, "%.4f", barrier));
                return barrier;
            } catch (ItemRefusedException e) {
                appendLine(refusedOut, id + "," + csv(e.getMessage()));
                throw e;
            }
        }

        private double barrier(Path file) throws ItemRefusedException {
            BvseOptions options = request.options();
            try {
                StructureIons ions = StructureIons.of(StructureReader.readFile(readers, file).structure());
                BvseResult result = calculator.compute(ions.lattice(), ions.sites(), options);
                int dimension = request.dimension();
                Double barrier = dimension == 1 ? result.ea1D() : dimension == 2 ? result.ea2D() : result.ea3D();
                if (barrier == null) {
                    throw new BvseException("does not percolate in " + dimension + "-D below " + options.maxBarrierEv() + " eV");
                }
                return barrier;
            } catch (StructureFormatException | StructureException | BvseException | IOException e) {
                // data problems only: a bug (a RuntimeException) fails the run instead of hiding in refused.csv
                throw new ItemRefusedException(message(file, e), e);
            }
        }

        private void copyCif(Path file, String id) throws IOException, ItemRefusedException {
            if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".cif")) {
                throw new ItemRefusedException(file + ": only CIF inputs can be copied into a CGCNN dataset; convert it to CIF first");
            }
            Files.copy(file, request.output().resolve(id + ".cif"), StandardCopyOption.REPLACE_EXISTING);
        }

        /**
         * The partitions' rows into the dataset, in the order of {@code todo}: labels appended to {@value #LABELS} with
         * their CIF copied, refusals to {@value #REFUSED}.
         */
        void merge(List<Path> todo, List<Partition> partitions, Path results) throws IOException {
            Map<String, Path> byId = new LinkedHashMap<>();
            todo.forEach(f -> byId.put(DatasetLabeller.id(f), f));
            try (Writer labelsOut = append(labels); Writer refusedOut = append(refused)) {
                for (Partition p : partitions) {
                    Path file = results.resolve(p.fileName());
                    if (!Files.isRegularFile(file)) {
                        throw new IOException("partition " + p.index() + " has no result " + file);
                    }
                    for (String row : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                        int comma = row.indexOf(',');
                        String kind = row.substring(0, comma);
                        String line = row.substring(comma + 1);
                        String id = line.substring(0, line.indexOf(','));
                        if (kind.equals("label")) {
                            try {
                                copyCif(byId.get(id), id);
                            } catch (ItemRefusedException e) {
                                throw new IllegalStateException("a worker labelled " + id + ", which is no CIF", e);
                            }
                            appendLine(labelsOut, line);
                        } else {
                            appendLine(refusedOut, line);
                        }
                    }
                }
            }
        }

        void writeMetadata() throws IOException {
            BvseOptions options = request.options();
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("label", request.labelName());
            metadata.putAll(options.labelSettings(calculator));
            metadata.put("source", request.source().toAbsolutePath().toString());
            metadata.put("labelled", ids(labels).size());
            metadata.put("refused", ids(refused).size());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(request.output().resolve(METADATA).toFile(),
                    metadata);
        }
    }

    /** The ids (first field) of a dataset CSV without header; none when it does not exist yet. */
    private static List<String> ids(Path csv) throws IOException {
        if (!Files.exists(csv)) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        for (String line : Files.readAllLines(csv, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                int comma = line.indexOf(',');
                ids.add(comma < 0 ? line : line.substring(0, comma));
            }
        }
        return ids;
    }

    private static Writer append(Path file) throws IOException {
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static void appendLine(Writer writer, String line) throws IOException {
        synchronized (writer) {
            writer.write(line + "\n");
            writer.flush();
        }
    }

    private static String csv(String text) {
        return "\"" + text.replace("\"", "\"\"").replace('\n', ' ') + "\"";
    }

    /** The exception's message, starting with the file as every refusal does. */
    private static String message(Path file, Exception e) {
        String text = e.getMessage() == null ? e.toString() : e.getMessage();
        return text.startsWith(file.toString()) ? text : file + ": " + text;
    }
}
