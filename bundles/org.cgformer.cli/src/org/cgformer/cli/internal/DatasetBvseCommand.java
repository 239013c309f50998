package org.cgformer.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.cgformer.bvse.api.BvseCalculator;
import org.cgformer.bvse.api.BvseException;
import org.cgformer.bvse.api.BvseOptions;
import org.cgformer.bvse.api.BvseResult;
import org.cgformer.bvse.api.StructureIons;
import org.cgformer.cli.api.CommandLineRunner;
import org.cgformer.structure.api.ReadResult;
import org.cgformer.structure.api.StructureException;
import org.cgformer.structure.api.StructureFormatException;
import org.cgformer.structure.api.StructureReader;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code cgformer dataset bvse}: labels every structure of a folder with its BVSE barrier and
 * writes a dataset in CGCNN's layout. Results are appended line by line, so an interrupted run
 * continues where it stopped when started again.
 */
@Command(name = "bvse", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Label every structure of a folder with its BVSE migration barrier and write a CGCNN-layout dataset:",
            "OUT/id_prop.csv (id,barrier in eV), OUT/<id>.cif, OUT/refused.csv (id,reason) and OUT/dataset.json.",
            "Structures already in id_prop.csv or refused.csv are skipped, so a stopped run can be resumed."})
public class DatasetBvseCommand implements Callable<Integer> {

    static final String LABELS = "id_prop.csv";
    static final String REFUSED = "refused.csv";
    static final String METADATA = "dataset.json";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Folder of structure files (searched recursively).")
    Path folder;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT_DIR", description = "Dataset folder to create or extend.")
    Path output;

    @Option(names = "--ion", defaultValue = "Na", description = "Element of the mobile ion (default: ${DEFAULT-VALUE}).")
    String ion;

    @Option(names = "--charge", defaultValue = "1", description = "Charge of the mobile ion (default: ${DEFAULT-VALUE}).")
    int charge;

    @Option(names = "--resolution", defaultValue = "0.1", paramLabel = "Å", description = "Grid spacing in Å (default: ${DEFAULT-VALUE}).")
    double resolution;

    @Option(names = "--dimension", defaultValue = "3", description = "Which barrier is the label: 1, 2 or 3 (default: ${DEFAULT-VALUE}).")
    int dimension;

    @Option(names = "--jobs", description = "Structures computed at once (default: all cores).")
    Integer jobs;

    private final BvseCalculator calculator;
    private final List<StructureReader> readers;

    DatasetBvseCommand(BvseCalculator calculator, List<StructureReader> readers) {
        this.calculator = calculator;
        this.readers = readers;
    }

    @Override
    public Integer call() throws Exception {
        BvseOptions options = options();
        if (!Files.isDirectory(folder)) {
            throw new IOException("no such folder: " + folder);
        }
        Files.createDirectories(output);
        Set<String> done = new HashSet<>(ids(output.resolve(LABELS)));
        done.addAll(ids(output.resolve(REFUSED)));
        List<Path> todo = new ArrayList<>();
        for (Path file : StructureFiles.expand(List.of(folder), readers)) {
            if (!done.contains(id(file))) {
                todo.add(file);
            }
        }
        PrintWriter err = spec.commandLine().getErr();
        err.printf(Locale.ROOT, "%d structures in %s, %d already done, %d to compute at %s Å%n",
                todo.size() + done.size(), folder, done.size(), todo.size(), resolution);
        Counts counts = label(todo, options, err);
        writeMetadata(options, counts);
        copyRecipe(err);
        spec.commandLine().getOut().printf(Locale.ROOT, "%d labelled, %d refused (see %s); dataset in %s%n",
                counts.labelled.get(), counts.refused.get(), output.resolve(REFUSED), output);
        return counts.refused.get() == 0 ? CommandLineRunner.OK : CommandLineRunner.FAILED;
    }

    /**
     * The structure recipe of the input folder ({@code recipe.json} of {@code design generate}) goes with the labels, so
     * that models trained on them record how their structures were made; a dataset that already has one keeps it.
     */
    private void copyRecipe(PrintWriter err) throws IOException {
        Path recipe = folder.resolve(RECIPE);
        Path target = output.resolve(RECIPE);
        if (!Files.isRegularFile(recipe)) {
            return;
        }
        if (!Files.exists(target)) {
            Files.copy(recipe, target);
        } else if (!Files.readString(target).equals(Files.readString(recipe))) {
            err.println("note: " + target + " (the recipe of earlier structures) is kept; " + recipe + " differs: the dataset mixes recipes");
        }
    }

    static final String RECIPE = "recipe.json";

    /** What this run did, updated from the worker threads. */
    private record Counts(AtomicInteger labelled, AtomicInteger refused, AtomicInteger finished, long start) {
    }

    private Counts label(List<Path> todo, BvseOptions options, PrintWriter err) throws Exception {
        Counts counts = new Counts(new AtomicInteger(), new AtomicInteger(), new AtomicInteger(), System.nanoTime());
        int workers = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, workers));
        try (Writer labels = append(output.resolve(LABELS)); Writer refused = append(output.resolve(REFUSED))) {
            List<Future<?>> futures = new ArrayList<>();
            for (Path file : todo) {
                futures.add(pool.submit(() -> {
                    labelOne(file, options, labels, refused, counts);
                    progress(err, file, counts, todo.size());
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
        return counts;
    }

    private void labelOne(Path file, BvseOptions options, Writer labels, Writer refused, Counts counts) throws IOException {
        String id = id(file);
        try {
            ReadResult read = StructureReader.readFile(readers, file);
            StructureIons ions = StructureIons.of(read.structure());
            BvseResult result = calculator.compute(ions.lattice(), ions.sites(), options);
            Double barrier = dimension == 1 ? result.ea1D() : dimension == 2 ? result.ea2D() : result.ea3D();
            if (barrier == null) {
                throw new BvseException("does not percolate in " + dimension + "-D below " + options.maxBarrierEv() + " eV");
            }
            copyCif(file, id);
            appendLine(labels, id + "," + String.format(Locale.ROOT, "%.4f", barrier));
            counts.labelled.incrementAndGet();
        } catch (StructureFormatException | StructureException | BvseException | IOException e) {
            // data problems only: a bug (a RuntimeException) stops the run instead of hiding in refused.csv
            appendLine(refused, id + "," + csv(BvseCommand.message(file, e)));
            counts.refused.incrementAndGet();
        }
    }

    private void copyCif(Path file, String id) throws IOException {
        if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".cif")) {
            throw new IOException("only CIF inputs can be copied into a CGCNN dataset; convert " + file + " to CIF first");
        }
        Files.copy(file, output.resolve(id + ".cif"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private void progress(PrintWriter err, Path file, Counts counts, int total) {
        int finished = counts.finished.incrementAndGet();
        double elapsed = (System.nanoTime() - counts.start) / 1e9;
        double eta = elapsed / finished * (total - finished);
        synchronized (err) {
            err.printf(Locale.ROOT, "[%d/%d] %s  elapsed %s  ETA %s%n", finished, total, id(file), clock(elapsed), clock(eta));
            err.flush();
        }
    }

    private void writeMetadata(BvseOptions options, Counts counts) throws IOException {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("label", "BVSE Ea" + dimension + "D (eV)");
        metadata.put("ion", ion);
        metadata.put("charge", charge);
        metadata.put("resolution", resolution);
        metadata.put("maxBarrier", options.maxBarrierEv());
        metadata.put("refinement", options.refinement());
        metadata.put("settings", options.describe());
        metadata.put("parameters", calculator.parameterTable());
        metadata.put("convention", calculator.convention());
        metadata.put("source", folder.toAbsolutePath().toString());
        metadata.put("labelled", ids(output.resolve(LABELS)).size());
        metadata.put("refused", ids(output.resolve(REFUSED)).size());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(output.resolve(METADATA).toFile(), metadata);
    }

    private BvseOptions options() {
        if (dimension < 1 || dimension > 3) {
            throw new ParameterException(spec.commandLine(), "--dimension must be 1, 2 or 3, got " + dimension);
        }
        try {
            // one thread per structure: the pool runs several structures at once
            return BvseOptions.builder().optMobileIon(ion, charge).optResolution(resolution).optThreads(1).build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** CGCNN ids are file names without extension. */
    static String id(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static List<String> ids(Path csv) throws IOException {
        if (!Files.exists(csv)) {
            return List.of();
        }
        return Files.readAllLines(csv, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank())
                .map(l -> l.substring(0, l.indexOf(',') < 0 ? l.length() : l.indexOf(','))).toList();
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

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }
}
