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
import java.util.concurrent.atomic.AtomicInteger;

import org.cgformer.cli.api.CommandLineRunner;
import org.cgformer.core.batch.BatchListener;
import org.cgformer.core.batch.BatchProcessor;
import org.cgformer.core.batch.BatchProgress;
import org.cgformer.core.batch.BatchResult;
import org.cgformer.core.batch.ItemRefusedException;
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

    /** The graph of one file, and whether it came from the cache. */
    private record Featurized(String hash, CrystalGraph graph, boolean cached) {
    }

    @Override
    public Integer call() throws IOException {
        Featurizer featurizer = featurizer();
        GraphOptions options = options();
        List<Path> files = StructureFiles.expand(inputs, readers);
        PrintWriter err = spec.commandLine().getErr();
        GraphCache cache = GraphCache.open(output.resolve(GRAPHS), warning -> err.println("cgformer featurize: " + warning));
        err.printf(Locale.ROOT, "featurizing %d structures with %s %s (%s)%n", files.size(), featurizer.name(),
                featurizer.version(), options);
        BatchResult<Path, Featurized> result = run(files, featurizer, options, cache, err);
        writeOutputs(result, featurizer, options);
        int graphs = result.processed().size();
        long cached = result.results().stream().filter(Featurized::cached).count();
        spec.commandLine().getOut().printf(Locale.ROOT, "%d graphs (%d featurized, %d read from the cache), %d refused; "
                + "graphs in %s%n", graphs, graphs - cached, cached, result.refused().size(), cache.folder());
        return result.refused().isEmpty() ? CommandLineRunner.OK : CommandLineRunner.FAILED;
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

    private BatchResult<Path, Featurized> run(List<Path> files, Featurizer featurizer, GraphOptions options, GraphCache cache,
            PrintWriter err) {
        int workers = threads != null ? Math.max(1, threads) : Runtime.getRuntime().availableProcessors();
        Progress progress = new Progress(err, files.size());
        BatchResult<Path, Featurized> result = BatchProcessor.builder().setName("featurize").optThreads(workers).build()
                .run(files, file -> progress.fromCache(featurize(file, featurizer, options, cache)), progress);
        progress.finish();
        return result;
    }

    /** The file's graph, read from the cache or computed and stored; a file that cannot be featurized is refused. */
    private Featurized featurize(Path file, Featurizer featurizer, GraphOptions options, GraphCache cache)
            throws ItemRefusedException, IOException {
        byte[] content = content(file);
        String hash = GraphCache.contentHash(content);
        Optional<CrystalGraph> cached = cache.load(hash, featurizer, options);
        if (cached.isPresent()) {
            return new Featurized(hash, cached.get(), true);
        }
        try {
            CrystalGraph graph = featurizer.featurize(parse(file, content), options);
            cache.store(hash, graph, featurizer);
            return new Featurized(hash, graph, false);
        } catch (FeaturizationException e) {
            // data problems only: a bug (a RuntimeException) or a cache that cannot be written fails the command
            throw new ItemRefusedException(BvseCommand.message(file, e), e);
        }
    }

    /** The bytes of an input file; one that cannot be read (missing, a folder, no permission) is refused. */
    private static byte[] content(Path file) throws ItemRefusedException {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ItemRefusedException(BvseCommand.message(file, e), e);
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

    private void writeOutputs(BatchResult<Path, Featurized> result, Featurizer featurizer, GraphOptions options)
            throws IOException {
        List<String> index = new ArrayList<>(List.of("id,file,sha256,graph,nodes,edges"));
        for (BatchResult.Processed<Path, Featurized> p : result.processed()) {
            Featurized f = p.result();
            String key = GraphCache.key(f.hash(), featurizer, options);
            index.add(String.join(",", csv(id(p.item())), csv(p.item().toString()), f.hash(), GRAPHS + "/" + key + GraphCache.EXTENSION,
                    Integer.toString(f.graph().nodes()), Integer.toString(f.graph().topology().edges())));
        }
        List<String> refused = new ArrayList<>(List.of("id,file,error"));
        for (BatchResult.Refusal<Path> r : result.refused()) {
            refused.add(csv(id(r.item())) + "," + csv(r.item().toString()) + "," + csv(r.reason()));
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

    /** Progress lines on stderr: done/total, from cache, refused, rate and ETA; at most one per interval, and the last. */
    private static final class Progress implements BatchListener<Path> {
        private final PrintWriter err;
        private final AtomicInteger cached = new AtomicInteger();
        private final long start = System.nanoTime();
        private long lastPrint = System.nanoTime();
        private int done;
        private int total;
        private int refused;

        Progress(PrintWriter err, int total) {
            this.err = err;
            this.total = total;
        }

        Featurized fromCache(Featurized featurized) {
            if (featurized.cached()) {
                cached.incrementAndGet();
            }
            return featurized;
        }

        @Override
        public synchronized void finished(BatchProgress<? extends Path> progress) {
            if (progress.wasRefused()) {
                err.println("cgformer featurize: refused " + progress.refusal());
            }
            done = progress.done();
            total = progress.total();
            refused = progress.refused();
            long now = System.nanoTime();
            if (now - lastPrint >= PROGRESS_INTERVAL_NANOS) {
                lastPrint = now;
                print(now);
            }
        }

        synchronized void finish() {
            print(System.nanoTime());
        }

        private void print(long now) {
            double seconds = (now - start) / 1e9;
            double rate = done / Math.max(seconds, 1e-9);
            double eta = rate > 0 ? (total - done) / rate : 0;
            err.printf(Locale.ROOT, "[%d/%d] %d from cache, %d refused, %.1f structures/s, elapsed %.1f s, ETA %.1f s%n",
                    done, total, cached.get(), refused, rate, seconds, eta);
            err.flush();
        }
    }
}
