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
import org.cgformer.structure.api.StructureException;
import org.cgformer.structure.api.StructureFormatException;
import org.cgformer.structure.api.StructureReader;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The {@link DatasetLabeller} service (DS component {@code org.cgformer.bvse.labeller}) over the BVSE calculator. */
public class DefaultDatasetLabeller implements DatasetLabeller {

    private volatile BvseCalculator calculator;
    private final List<StructureReader> readers = new CopyOnWriteArrayList<>();

    public void setCalculator(BvseCalculator calculator) {
        this.calculator = calculator;
    }

    public void addReader(StructureReader reader) {
        readers.add(reader);
    }

    public void removeReader(StructureReader reader) {
        readers.remove(reader);
    }

    @Override
    public LabellingResult label(LabellingRequest request, LabellingListener listener) throws IOException {
        if (!Files.isDirectory(request.source())) {
            throw new IOException("no such folder: " + request.source());
        }
        Files.createDirectories(request.output());
        Run run = new Run(request, List.copyOf(readers), calculator);
        Set<String> done = run.doneIds();
        List<Path> todo = structureFiles(request.source(), run.readers).stream().filter(f -> !done.contains(DatasetLabeller.id(f)))
                .toList();
        listener.started(done.size(), todo.size());
        BatchResult<Path, Double> result = run.label(todo, listener);
        run.writeMetadata();
        copyRecipe(request, listener);
        return new LabellingResult(result.processed().size(), result.refused().size(), result.notStarted().size(),
                request.output());
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

        void writeMetadata() throws IOException {
            BvseOptions options = request.options();
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("label", request.labelName());
            metadata.put("ion", options.mobileElement());
            metadata.put("charge", options.mobileCharge());
            metadata.put("resolution", options.resolutionAngstrom());
            metadata.put("maxBarrier", options.maxBarrierEv());
            metadata.put("refinement", options.refinement());
            metadata.put("settings", options.describe());
            metadata.put("parameters", calculator.parameterTable());
            metadata.put("convention", calculator.convention());
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
