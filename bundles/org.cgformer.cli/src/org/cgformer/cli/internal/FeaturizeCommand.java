package org.cgformer.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.cgformer.cli.api.CommandLineRunner;
import org.cgformer.graph.api.CrystalGraph;
import org.cgformer.graph.api.FeaturizationException;
import org.cgformer.graph.api.Featurizer;
import org.cgformer.graph.api.FeaturizerRegistry;
import org.cgformer.graph.api.GraphCache;
import org.cgformer.graph.api.GraphOptions;
import org.cgformer.structure.api.StructureFormatException;
import org.cgformer.structure.api.StructureReader;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code cgformer featurize DIR --featurizer NAME -o OUT}: crystal graphs of every structure file,
 * written to the graph cache in {@code OUT/graphs} (keyed by file content, featurizer and options,
 * so a second run only reads them) with an index, the refused files and the featurizer's columns.
 */
@Command(name = "featurize", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Featurize every structure file into a crystal graph with an installed featurizer "
                + "(see 'cgformer featurizers'), and cache the graphs in OUT.",
            "Writes OUT/graphs/<key>.cgg (binary, versioned, one per structure), OUT/index.csv (id, file, sha256, "
                    + "graph file, nodes, edges), OUT/refused.csv (id, file, error) and OUT/featurizer.json "
                    + "(name, version, options, documented columns).",
            "Graphs already in OUT for the same file content, featurizer version and options are read, not "
                    + "recomputed. Bad structures are reported and skipped (exit code 1)."})
public class FeaturizeCommand implements Callable<Integer> {

    static final String GRAPHS = "graphs";
    static final String INDEX = "index.csv";
    static final String REFUSED = "refused.csv";
    static final String METADATA = "featurizer.json";
    /** At most one progress line per this many nanoseconds (and one at the end). */
    private static final long PROGRESS_INTERVAL_NANOS = 2_000_000_000L;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "Structure files (CIF, POSCAR…) or folders of them.")
    List<Path> inputs;

    @Option(names = "--featurizer", defaultValue = "cgformer", paramLabel = "NAME[@VERSION]",
            description = "Featurizer to use (default: ${DEFAULT-VALUE}; highest version unless given).")
    String featurizerName;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "Output folder (created).")
    Path output;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores).")
    Integer threads;

    @Mixin
    GraphOptionsMixin graphOptions;

    private final FeaturizerRegistry registry;
    private final List<StructureReader> readers;

    FeaturizeCommand(FeaturizerRegistry registry, List<StructureReader> readers) {
        this.registry = registry;
        this.readers = readers;
    }

    /** What became of one file. */
    private record Outcome(Path file, String hash, CrystalGraph graph, boolean cached, String error) {
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        Featurizer featurizer = featurizer();
        GraphOptions options = options();
        List<Path> files = StructureFiles.expand(inputs, readers);
        PrintWriter err = spec.commandLine().getErr();
        GraphCache cache = GraphCache.open(output.resolve(GRAPHS), warning -> err.println("cgformer featurize: " + warning));
        err.printf(Locale.ROOT, "featurizing %d structures with %s %s (%s)%n", files.size(), featurizer.name(),
                featurizer.version(), options);
        List<Outcome> outcomes = run(files, featurizer, options, cache, err);
        writeOutputs(outcomes, featurizer, options);
        long refused = outcomes.stream().filter(o -> o.error() != null).count();
        long cached = outcomes.stream().filter(Outcome::cached).count();
        spec.commandLine().getOut().printf(Locale.ROOT, "%d graphs (%d featurized, %d read from the cache), %d refused; "
                + "graphs in %s%n", outcomes.size() - refused, outcomes.size() - refused - cached, cached, refused,
                cache.folder());
        return refused == 0 ? CommandLineRunner.OK : CommandLineRunner.FAILED;
    }

    private Featurizer featurizer() {
        try {
            return registry.get(featurizerName);
        } catch (FeaturizationException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private GraphOptions options() {
        try {
            return graphOptions.options();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private List<Outcome> run(List<Path> files, Featurizer featurizer, GraphOptions options, GraphCache cache,
            PrintWriter err) throws InterruptedException {
        int workers = threads != null ? Math.max(1, threads) : Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        Progress progress = new Progress(err, files.size());
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (Path file : files) {
                futures.add(pool.submit(() -> progress.done(featurize(file, featurizer, options, cache))));
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> future : futures) {
                outcomes.add(future.get());
            }
            progress.finish();
            return outcomes;
        } catch (ExecutionException e) {
            throw new IllegalStateException("featurizing failed unexpectedly: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private Outcome featurize(Path file, Featurizer featurizer, GraphOptions options, GraphCache cache) {
        try {
            byte[] content = Files.readAllBytes(file);
            String hash = GraphCache.contentHash(content);
            Optional<CrystalGraph> cached = cache.load(hash, featurizer, options);
            if (cached.isPresent()) {
                return new Outcome(file, hash, cached.get(), true, null);
            }
            CrystalGraph graph = featurizer.featurize(parse(file, content), options);
            cache.store(hash, graph, featurizer);
            return new Outcome(file, hash, graph, false, null);
        } catch (IOException | FeaturizationException | RuntimeException e) {
            return new Outcome(file, null, null, false, BvseCommand.message(file, e));
        }
    }

    private org.cgformer.structure.api.Structure parse(Path file, byte[] content) throws FeaturizationException {
        StructureReader reader = StructureFiles.reader(readers, file).orElseThrow(
                () -> new FeaturizationException("no structure reader for this kind of file"));
        try {
            return reader.read(file.toString(), new String(content, StandardCharsets.UTF_8)).structure();
        } catch (StructureFormatException e) {
            throw new FeaturizationException(e.getMessage(), e);
        }
    }

    private void writeOutputs(List<Outcome> outcomes, Featurizer featurizer, GraphOptions options) throws IOException {
        List<String> index = new ArrayList<>(List.of("id,file,sha256,graph,nodes,edges"));
        List<String> refused = new ArrayList<>(List.of("id,file,error"));
        for (Outcome o : outcomes) {
            String id = csv(id(o.file()));
            if (o.error() != null) {
                refused.add(id + "," + csv(o.file().toString()) + "," + csv(o.error()));
            } else {
                String key = GraphCache.key(o.hash(), featurizer, options);
                index.add(String.join(",", id, csv(o.file().toString()), o.hash(), GRAPHS + "/" + key + GraphCache.EXTENSION,
                        Integer.toString(o.graph().nodes()), Integer.toString(o.graph().topology().edges())));
            }
        }
        Files.write(output.resolve(INDEX), index, StandardCharsets.UTF_8);
        Files.write(output.resolve(REFUSED), refused, StandardCharsets.UTF_8);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("featurizer", featurizer.name());
        metadata.put("version", featurizer.version());
        metadata.put("bundle", FeaturizersCommand.bundle(featurizer));
        metadata.put("description", featurizer.description());
        metadata.put("options", Map.of("maxNeighbours", options.maxNeighbours(), "cutoffAngstrom", options.cutoffAngstrom(),
                "maxPathLength", options.maxPathLength(), "isolatedSites", options.isolatedSites().name()));
        metadata.put("graphFormatVersion", GraphCache.FORMAT_VERSION);
        metadata.put("nodeColumns", featurizer.nodeColumns());
        metadata.put("edgeColumns", featurizer.edgeColumns());
        metadata.put("graphColumns", featurizer.graphColumns());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(output.resolve(METADATA).toFile(), metadata);
    }

    static String id(Path file) {
        String name = file.getFileName().toString();
        return name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
    }

    private static String csv(String text) {
        String flat = text.replace('\n', ' ').replace('\r', ' ');
        return flat.contains(",") || flat.contains("\"") ? "\"" + flat.replace("\"", "\"\"") + "\"" : flat;
    }

    /** Progress lines on stderr: done/total, from cache, refused, rate and ETA; thread-safe. */
    private static final class Progress {
        private final PrintWriter err;
        private final int total;
        private final long start = System.nanoTime();
        private final AtomicInteger done = new AtomicInteger();
        private final AtomicInteger cached = new AtomicInteger();
        private final AtomicInteger refused = new AtomicInteger();
        private long lastPrint = System.nanoTime();

        Progress(PrintWriter err, int total) {
            this.err = err;
            this.total = total;
        }

        Outcome done(Outcome outcome) {
            if (outcome.error() != null) {
                refused.incrementAndGet();
                synchronized (this) {
                    err.println("cgformer featurize: refused " + outcome.error());
                }
            } else if (outcome.cached()) {
                cached.incrementAndGet();
            }
            done.incrementAndGet();
            synchronized (this) {
                long now = System.nanoTime();
                if (now - lastPrint >= PROGRESS_INTERVAL_NANOS) {
                    lastPrint = now;
                    print(now);
                }
            }
            return outcome;
        }

        synchronized void finish() {
            print(System.nanoTime());
        }

        private void print(long now) {
            int finished = done.get();
            double seconds = (now - start) / 1e9;
            double rate = finished / Math.max(seconds, 1e-9);
            double eta = rate > 0 ? (total - finished) / rate : 0;
            err.printf(Locale.ROOT, "[%d/%d] %d from cache, %d refused, %.1f structures/s, elapsed %.1f s, ETA %.1f s%n",
                    finished, total, cached.get(), refused.get(), rate, seconds, eta);
            err.flush();
        }
    }
}
