package org.cgformer.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.cgformer.cli.api.CommandLineRunner;
import org.cgformer.core.install.Installation;
import org.cgformer.graph.api.CrystalGraph;
import org.cgformer.graph.api.FeaturizationException;
import org.cgformer.graph.api.Featurizer;
import org.cgformer.graph.api.FeaturizerRegistry;
import org.cgformer.graph.api.GraphBatch;
import org.cgformer.graph.api.GraphCache;
import org.cgformer.graph.api.GraphOptions;
import org.cgformer.structure.api.Structure;
import org.cgformer.structure.api.StructureFormatException;
import org.cgformer.structure.api.StructureReader;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code cgformer bench graphs [DIR]}: graphs per second for featurizing every CIF of DIR
 * (default: the 636 structures of matbench_jdft2d) and the NASICON cell and its 2×1×1 supercell, and
 * how fast the graph cache reloads them. One thread; files are parsed beforehand; one warm-up pass,
 * then the median of the timed passes. Every figure printed is measured in this run.
 */
@Command(name = "graphs", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Time crystal-graph featurization in-process (one thread, after a warm-up pass; medians of the "
                + "repeats): every CIF of DIR (default <shared data>/benchmarks/matbench_jdft2d), the NASICON cell and "
                + "its 2x1x1 supercell, then storing the graphs in a cache and reloading them."})
public class BenchGraphsCommand implements Callable<Integer> {

    /** Defaults, in the shared data folder ({@link Installation#sharedData()}). */
    static final Path DEFAULT_FOLDER = Path.of("benchmarks", "matbench_jdft2d");
    static final Path DEFAULT_NASICON = Path.of("nasicon", "Na3Zr2Si2PO12_R-3c_average.cif");

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "DIR", description = "Folder of CIF files (searched recursively).")
    Path folder;

    @Option(names = "--nasicon", paramLabel = "CIF", description = "NASICON cell (default: <shared data>/nasicon/"
            + "Na3Zr2Si2PO12_R-3c_average.cif); 'none' to skip.")
    String nasicon;

    @Option(names = "--featurizer", split = ",", paramLabel = "NAME[@VERSION]",
            description = "Featurizers to time, comma-separated (default: cgformer,cgcnn).")
    List<String> featurizerNames;

    @Option(names = "--repeats", defaultValue = "3", paramLabel = "N", description = "Timed passes after the warm-up (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Mixin
    GraphOptionsMixin graphOptions;

    private final FeaturizerRegistry registry;
    private final List<StructureReader> readers;

    BenchGraphsCommand(FeaturizerRegistry registry, List<StructureReader> readers) {
        this.registry = registry;
        this.readers = readers;
    }

    /** Structures of the folder with the bytes they were read from. */
    private record Inputs(List<Structure> structures, List<byte[]> contents, int files) {
    }

    /** One timed pass: graphs made and nanoseconds. */
    private record Pass(List<CrystalGraph> graphs, int refused, long nanos) {
    }

    @Override
    public Integer call() throws IOException, FeaturizationException {
        PrintWriter out = spec.commandLine().getOut();
        if (repeats < 1) {
            throw new ParameterException(spec.commandLine(), "--repeats must be at least 1");
        }
        GraphOptions options;
        try {
            options = graphOptions.options();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        List<Featurizer> featurizers = new ArrayList<>();
        for (String name : featurizerNames == null ? List.of("cgformer", "cgcnn") : featurizerNames) {
            featurizers.add(registry.get(name));
        }
        Path dir = folder != null ? folder : Installation.requireSharedData(DEFAULT_FOLDER, "give the folder of CIFs as DIR");
        if (!Files.isDirectory(dir)) {
            spec.commandLine().getErr().println("cgformer bench graphs: " + dir + " is not a folder; give the folder of CIFs as DIR");
            return CommandLineRunner.FAILED;
        }
        Inputs inputs = read(dir);
        out.printf(Locale.ROOT, "Measured here: one thread, 1 warm-up pass, median of %d timed passes; %s; %d cores, Java %s%n",
                repeats, options, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        out.printf(Locale.ROOT, "Folder  %s: %d CIF files, %d read%n", dir, inputs.files(), inputs.structures().size());
        for (Featurizer featurizer : featurizers) {
            benchFolder(out, featurizer, options, inputs);
        }
        Optional<Structure> cell = nasiconCell();
        if (cell.isPresent()) {
            for (Featurizer featurizer : featurizers) {
                benchOne(out, featurizer, options, "NASICON cell", cell.get());
                benchOne(out, featurizer, options, "NASICON 2x1x1 supercell", cell.get().supercell(2, 1, 1));
            }
        }
        return CommandLineRunner.OK;
    }

    private Inputs read(Path dir) throws IOException {
        List<Path> cifs;
        try (Stream<Path> walk = Files.walk(dir)) {
            cifs = walk.filter(Files::isRegularFile).filter(f -> StructureReader.extension(f.toString()).equals("cif"))
                    .sorted().toList();
        }
        StructureReader reader = StructureReader.forFile(readers, "x.cif")
                .orElseThrow(() -> new IOException("no CIF reader installed"));
        List<Structure> structures = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        for (Path cif : cifs) {
            byte[] content = Files.readAllBytes(cif);
            try {
                structures.add(reader.read(cif.toString(), new String(content, StandardCharsets.UTF_8)).structure());
                contents.add(content);
            } catch (StructureFormatException e) {
                spec.commandLine().getErr().println("cgformer bench graphs: skipped " + e.getMessage());
            }
        }
        return new Inputs(structures, contents, cifs.size());
    }

    private Optional<Structure> nasiconCell() throws IOException {
        if ("none".equals(nasicon)) {
            return Optional.empty();
        }
        Path file = nasicon != null ? Path.of(nasicon) : Installation.requireSharedData(DEFAULT_NASICON, "give --nasicon CIF or --nasicon none");
        try {
            Structure cell = StructureReader.readFile(readers, file).structure();
            spec.commandLine().getOut().printf(Locale.ROOT, "NASICON %s: %d sites; its 2x1x1 supercell %d sites%n", file,
                    cell.size(), 2 * cell.size());
            return Optional.of(cell);
        } catch (StructureFormatException e) {
            spec.commandLine().getErr().println("cgformer bench graphs: NASICON cell skipped: " + e.getMessage());
            return Optional.empty();
        }
    }

    private void benchFolder(PrintWriter out, Featurizer featurizer, GraphOptions options, Inputs inputs)
            throws IOException, FeaturizationException {
        Pass warmUp = featurizeAll(featurizer, options, inputs.structures());
        long[] times = new long[repeats];
        for (int r = 0; r < repeats; r++) {
            times[r] = featurizeAll(featurizer, options, inputs.structures()).nanos();
        }
        int made = warmUp.graphs().size();
        out.printf(Locale.ROOT, "%-9s featurize %d structures: %.3f s, %.1f graphs/s (%d refused; min %.3f s, max %.3f s)%n",
                featurizer.name(), inputs.structures().size(), median(times), made / median(times), warmUp.refused(),
                min(times), max(times));
        benchCache(out, featurizer, options, inputs);
    }

    private Pass featurizeAll(Featurizer featurizer, GraphOptions options, List<Structure> structures) {
        List<CrystalGraph> graphs = new ArrayList<>(structures.size());
        int refused = 0;
        long start = System.nanoTime();
        for (Structure structure : structures) {
            try {
                graphs.add(featurizer.featurize(structure, options));
            } catch (FeaturizationException e) {
                refused++;
            }
        }
        return new Pass(graphs, refused, System.nanoTime() - start);
    }

    /** Stores every graph once, then times reloading all of them (hash + read + decode) and packing a batch. */
    private void benchCache(PrintWriter out, Featurizer featurizer, GraphOptions options, Inputs inputs)
            throws IOException, FeaturizationException {
        Path folder = Files.createTempDirectory("cgformer-bench-graphs-");
        try {
            GraphCache cache = GraphCache.open(folder, warning -> spec.commandLine().getErr().println(warning));
            List<byte[]> stored = new ArrayList<>();
            long storeStart = System.nanoTime();
            for (int i = 0; i < inputs.structures().size(); i++) {
                try {
                    cache.store(GraphCache.contentHash(inputs.contents().get(i)),
                            featurizer.featurize(inputs.structures().get(i), options), featurizer);
                    stored.add(inputs.contents().get(i));
                } catch (FeaturizationException e) {
                    // refused structures are counted by the featurize pass
                }
            }
            double storeSeconds = (System.nanoTime() - storeStart) / 1e9;
            reload(cache, featurizer, options, stored);
            long[] reloadTimes = new long[repeats];
            long[] batchTimes = new long[repeats];
            GraphBatch batch = null;
            for (int r = 0; r < repeats; r++) {
                long start = System.nanoTime();
                List<CrystalGraph> graphs = reload(cache, featurizer, options, stored);
                reloadTimes[r] = System.nanoTime() - start;
                start = System.nanoTime();
                batch = GraphBatch.of(graphs);
                batchTimes[r] = System.nanoTime() - start;
            }
            out.printf(Locale.ROOT, "%-9s cache: first run featurize+store %.3f s (%d files, %.1f MB); reload %.3f s, "
                    + "%.0f graphs/s (%.1fx faster than featurize+store); pack into one GraphBatch (%d nodes, P = %d) %.3f s%n",
                    featurizer.name(), storeSeconds, stored.size(), size(folder) / 1e6, median(reloadTimes),
                    stored.size() / median(reloadTimes), storeSeconds / median(reloadTimes), batch.totalNodes(),
                    batch.maxNodes(), median(batchTimes));
        } finally {
            deleteTree(folder);
        }
    }

    private static List<CrystalGraph> reload(GraphCache cache, Featurizer featurizer, GraphOptions options,
            List<byte[]> contents) throws IOException {
        List<CrystalGraph> graphs = new ArrayList<>(contents.size());
        for (byte[] content : contents) {
            graphs.add(cache.load(GraphCache.contentHash(content), featurizer, options)
                    .orElseThrow(() -> new IOException("a graph stored a moment ago is missing from the cache")));
        }
        return graphs;
    }

    private void benchOne(PrintWriter out, Featurizer featurizer, GraphOptions options, String what, Structure structure)
            throws FeaturizationException {
        CrystalGraph graph = featurizer.featurize(structure, options);
        int rounds = Math.max(5, repeats);
        long[] times = new long[rounds];
        for (int r = 0; r < rounds; r++) {
            long start = System.nanoTime();
            featurizer.featurize(structure, options);
            times[r] = System.nanoTime() - start;
        }
        out.printf(Locale.ROOT, "%-9s %s (%d sites, %d edges): %.1f ms per graph, %.1f graphs/s (median of %d)%n",
                featurizer.name(), what, graph.nodes(), graph.topology().edges(),
                median(times) * 1e3, 1 / median(times), rounds);
    }

    private static long size(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return (n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0) / 1e9;
    }

    private static double min(long[] nanos) {
        return Arrays.stream(nanos).min().orElse(0) / 1e9;
    }

    private static double max(long[] nanos) {
        return Arrays.stream(nanos).max().orElse(0) / 1e9;
    }
}
