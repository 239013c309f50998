package org.cgformer.screening.cli.internal;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.cgformer.cli.api.CommandLineRunner;
import org.cgformer.cli.options.ExecutionOptions;
import org.cgformer.core.distributed.Execution;
import org.cgformer.screening.api.ScreeningListener;
import org.cgformer.screening.api.ScreeningOptions;
import org.cgformer.screening.api.ScreeningResult;
import org.cgformer.screening.api.ScreeningService;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cgformer bench screen DESIGN_FILE --eb-model DIR [--ehull-model DIR] [--limit 100] [--all] [--oracle N] [--warm-up N]
 * [--repeats R] [--json]}.
 */
@Command(name = "screen", mixinStandardHelpOptions = true, description = {
    "Candidates screened per second: structure generation + featurization + both predictions, timed by the screening",
    "pipeline on the first N candidates of the funnel (after an untimed warm-up run; R timed runs, each in a fresh report",
    "folder, no cache; the median). Prints the measured rate and the",
    "time it gives for the filtered set and for every combination (extrapolated unless --all measures them), the oracle's",
    "time per candidate (BVSE on N of the same candidates, in the same run) and the surrogate's speed-up over it, the",
    "peak resident memory of this process and the bytes the run wrote per candidate. With --engine spark the same",
    "candidates are screened a second time on Spark (--master) and both rates are printed side by side."})
public class BenchScreenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DESIGN_FILE", description = "The .designspace file.")
    Path designSpace;

    @Option(names = "--eb-model", required = true, paramLabel = "DIR", description = "Barrier model folder (or fold models).")
    Path ebModel;

    @Option(names = "--ehull-model", paramLabel = "DIR", description = "Stability model folder (or fold models).")
    Path ehullModel;

    @Option(names = "--limit", defaultValue = "100", description = "Candidates timed, 0 = all of the set (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--all", description = "Time the set of every combination instead of the funnel's survivors.")
    boolean all;

    @Option(names = "--decorations", defaultValue = "20", description = "Random decorations per structure, K (default: ${DEFAULT-VALUE}).")
    int decorations;

    @Option(names = "--oracle", defaultValue = "20", paramLabel = "N",
            description = "Candidates the oracle (BVSE Ea3D) labels in the same run for its time per candidate; 0: not measured "
                    + "(default: ${DEFAULT-VALUE}).")
    int oracle;

    @Option(names = "--oracle-resolution", paramLabel = "Å",
            description = "BVSE grid spacing of the oracle (default: the barrier model's labels' as its model.json records them, "
                    + "else 0.3).")
    Double oracleResolution;

    @Option(names = "--oracle-decorations", paramLabel = "N",
            description = "Ordered decorations the oracle labels per candidate, its label being their mean (default: as many as "
                    + "each of the barrier model's labels averaged, as its model.json records them, else 1).")
    Integer oracleDecorations;

    @Option(names = "--warm-up", defaultValue = "50", paramLabel = "N",
            description = "Candidates screened once, untimed, before the timed runs, so that they time the compiled code a long "
                    + "run spends its time in; 0: none (default: ${DEFAULT-VALUE}).")
    int warmUp;

    @Option(names = "--repeats", defaultValue = "3", paramLabel = "R",
            description = "Timed runs, each in a fresh folder; the median rate is reported (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @picocli.CommandLine.Mixin
    ExecutionOptions execution = new ExecutionOptions();

    @Option(names = "--work", paramLabel = "DIR", description = "Folder for the timed run (default: a temporary folder, deleted).")
    Path work;

    private final ScreeningService service;

    BenchScreenCommand(ScreeningService service) {
        this.service = service;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (repeats < 1 || warmUp < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--repeats must be at least 1 and --warm-up at least 0");
        }
        Path base = work != null ? Files.createDirectories(work) : Files.createTempDirectory("cgformer-bench-screen");
        Map<String, Object> labels = service.labels(ebModel);
        double resolution = oracleResolution != null ? oracleResolution
                : labels.get("resolution") instanceof Number n ? n.doubleValue() : ScreeningOptions.DEFAULT_ORACLE_RESOLUTION;
        int perCandidate = oracleDecorations != null ? oracleDecorations
                : labels.get("labelDecorations") instanceof Number n ? n.intValue() : 1;
        ScreeningOptions timed = ScreeningOptions.defaults(ebModel, ehullModel).withAll(all).withLimit(limit)
                .withGeneration(ScreeningOptions.DEFAULT_GROUPS, decorations, 1);
        try {
            Double warmUpRate = null;
            if (warmUp > 0) {
                ScreeningResult first = service.screen(designSpace, timed.withLimit(warmUp), base.resolve("warm-up"), ScreeningListener.SILENT);
                warmUpRate = first.candidates().size() / screeningSeconds(first);
            }
            // the oracle in the first timed run (its stage is not timed as screening), the bytes of the last (no oracle's files
            // unless there is one run)
            List<ScreeningResult> runs = new ArrayList<>();
            long writtenBefore = -1;
            for (int r = 0; r < repeats; r++) {
                ScreeningOptions options = r == 0 ? timed.withValidation(oracle, resolution).withOracleDecorations(perCandidate) : timed;
                writtenBefore = bytesWrittenByThisProcess();
                runs.add(service.screen(designSpace, options, base.resolve("run-" + (r + 1)), ScreeningListener.SILENT));
            }
            long writtenAfter = bytesWrittenByThisProcess();
            Path folder = base.resolve("run-1");
            Path last = base.resolve("run-" + repeats);
            List<Double> rates = runs.stream().map(run -> run.candidates().size() / screeningSeconds(run)).toList();
            ScreeningResult result = runs.get(medianIndex(rates));
            Map<String, Double> t = result.stageSeconds();
            double seconds = screeningSeconds(result);
            long screened = result.candidates().size();
            Map<String, Object> funnel = funnel(folder);
            long survivors = ((Number) funnel.get("survivors")).longValue();
            long combinations = ((Number) funnel.get("combinations")).longValue();
            double rate = screened / seconds;
            boolean measuredSet = limit == 0 || limit >= (all ? combinations : survivors);
            Map<String, Object> skill = json(folder.resolve("summary.json")).get("skill") instanceof Map<?, ?> m
                    ? (Map<String, Object>) m : Map.of();
            Double oracleSeconds = skill.get("oracleSecondsPerCandidate") instanceof Number n ? n.doubleValue() : null;
            long bytes = bytes(last);
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("candidates", screened);
            figures.put("failed", result.failed());
            figures.put("set", all ? "every combination" : "the funnel's survivors");
            figures.put("warmUpCandidates", warmUp);
            figures.put("warmUpCandidatesPerSecond", warmUpRate);
            figures.put("repeats", repeats);
            figures.put("candidatesPerSecondRuns", rates);
            figures.put("generateSeconds", t.get("generate"));
            figures.put("featurizeSeconds", t.get("featurize"));
            figures.put("predictSeconds", t.get("predict"));
            figures.put("candidatesPerSecond", rate);
            figures.put("oracle", oracle == 0 ? null : skill.get("oracle"));
            figures.put("oracleCandidates", oracle == 0 ? 0 : oracle);
            figures.put("oracleDecorations", perCandidate);
            figures.put("oracleResolution", resolution);
            figures.put("oracleSettingsFrom", oracleResolution == null && oracleDecorations == null && !labels.isEmpty()
                    ? "the barrier model's labels" : oracleResolution != null || oracleDecorations != null ? "the command line" : "defaults");
            figures.put("oracleSecondsPerCandidate", oracleSeconds);
            figures.put("speedupOverOracle", oracleSeconds == null ? null : oracleSeconds * rate);
            figures.put("peakRssBytes", peakRssBytes());
            figures.put("bytesWrittenPerCandidate", writtenBefore < 0 || writtenAfter < 0 ? null
                    : (double) (writtenAfter - writtenBefore) / runs.get(repeats - 1).candidates().size());
            figures.put("bytesKeptPerCandidate", (double) bytes / runs.get(repeats - 1).candidates().size());
            figures.put("filteredSetSeconds", survivors / rate);
            figures.put("filteredSetMeasured", !all && measuredSet);
            figures.put("everyCombinationSeconds", combinations / rate);
            figures.put("everyCombinationMeasured", all && measuredSet);
            figures.put("threads", Runtime.getRuntime().availableProcessors());
            Execution engine = execution.execution();
            if (!engine.local()) {
                figures.put("engines", compareEngines(folder, timed, engine, screened, rate));
            }
            if (json) {
                out.println(new com.fasterxml.jackson.databind.ObjectMapper().enable(
                        com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(figures));
                out.flush();
                return CommandLineRunner.OK;
            }
            if (warmUpRate != null) {
                out.printf(Locale.ROOT, "warm-up: %d candidates, %.1f per second (untimed; compiles the code the timed runs use)%n", warmUp,
                        warmUpRate);
            }
            out.printf(Locale.ROOT, "timed %d candidates of the %s (%d failed), median of %d runs: generate %.2f s, featurize %.2f s, "
                    + "predict %.2f s%n", screened, all ? "combinations" : "funnel's survivors", result.failed(), repeats, t.get("generate"),
                    t.get("featurize"), t.get("predict"));
            out.printf(Locale.ROOT, "candidates screened per second: %.3f (generation + featurization + %s; runs: %s)%n", rate,
                    ehullModel == null ? "the Eb prediction" : "both predictions",
                    String.join(", ", rates.stream().map(x -> String.format(Locale.ROOT, "%.1f", x)).toList()));
            if (oracleSeconds != null) {
                out.printf(Locale.ROOT, "oracle (BVSE at %s A, the mean of %d decoration%s, %s; %d of the same candidates): %.3f s per "
                        + "candidate; the surrogate is %.2fx as fast%n", resolution, perCandidate, perCandidate == 1 ? "" : "s",
                        figures.get("oracleSettingsFrom"), oracle, oracleSeconds, oracleSeconds * rate);
            }
            out.printf(Locale.ROOT, "peak resident memory %.2f GiB; per candidate %s bytes written (the last run's writes, files it "
                    + "deleted included), %.0f bytes kept in its report folder%n", peakRssBytes() / (double) (1L << 30),
                    figures.get("bytesWrittenPerCandidate") instanceof Double d ? String.format(Locale.ROOT, "%.0f", d) : "unknown",
                    (double) bytes / runs.get(repeats - 1).candidates().size());
            if (figures.get("engines") instanceof Map<?, ?> engines) {
                Map<String, Object> spark = (Map<String, Object>) engines.get(engine.engine());
                out.printf(Locale.ROOT, "%s (%s, %d partitions): %.3f candidates per second against %.3f local, %.2fx (the same %d candidates; "
                        + "includes starting the engine and its executors)%n", engine.engine(), engine.master(), spark.get("partitions"),
                        spark.get("candidatesPerSecond"), rate, spark.get("overLocal"), screened);
            }
            out.printf(Locale.ROOT, "filtered set, %d candidates: %s%n", survivors,
                    !all && measuredSet ? String.format(Locale.ROOT, "measured %.1f s", seconds)
                            : String.format(Locale.ROOT, "extrapolated %.1f s", survivors / rate));
            out.printf(Locale.ROOT, "every combination, %d candidates: %s%n", combinations,
                    all && measuredSet ? String.format(Locale.ROOT, "measured %.1f s", seconds)
                            : String.format(Locale.ROOT, "extrapolated %.1f h", combinations / rate / 3600));
            out.flush();
        } finally {
            if (work == null) {
                deleteRecursively(base);
            }
        }
        return CommandLineRunner.OK;
    }

    /** Index of the median of {@code values} (the lower middle one of an even count). */
    static int medianIndex(List<Double> values) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            order.add(i);
        }
        order.sort(java.util.Comparator.comparing(values::get));
        return order.get((values.size() - 1) / 2);
    }

    /**
     * Screens the same candidates again on the distributed engine (a sibling folder, no validation) and returns the
     * local and the engine's rate side by side.
     */
    private Map<String, Object> compareEngines(Path folder, ScreeningOptions options, Execution engine, long screened, double localRate)
            throws Exception {
        Path other = Files.createDirectories(folder.resolve(engine.engine()));
        ScreeningResult result = service.screen(designSpace, options, other, ScreeningListener.SILENT, engine);
        double seconds = screeningSeconds(result);
        if (result.candidates().size() != screened) {
            throw new IllegalStateException(engine.engine() + " screened " + result.candidates().size() + " candidates, local " + screened);
        }
        Map<String, Object> local = new LinkedHashMap<>();
        local.put("candidatesPerSecond", localRate);
        Map<String, Object> distributed = new LinkedHashMap<>();
        distributed.put("master", engine.master());
        distributed.put("partitions", engine.partitionsFor(screened, ScreeningService.DEFAULT_PARTITION_SIZE));
        distributed.put("seconds", seconds);
        distributed.put("candidatesPerSecond", screened / seconds);
        distributed.put("overLocal", screened / seconds / localRate);
        Map<String, Object> engines = new LinkedHashMap<>();
        engines.put("local", local);
        engines.put(engine.engine(), distributed);
        return engines;
    }

    /**
     * Seconds of the timed stages: generate, featurize and predict locally; on an engine one predict stage does all three
     * (with the engine's start-up).
     */
    private static double screeningSeconds(ScreeningResult result) {
        Map<String, Double> t = result.stageSeconds();
        return t.getOrDefault("generate", 0.0) + t.getOrDefault("featurize", 0.0) + t.getOrDefault("predict", 0.0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(Path file) throws java.io.IOException {
        return new com.fasterxml.jackson.databind.ObjectMapper().readValue(file.toFile(), Map.class);
    }

    /** The largest resident set of this process so far (Linux VmHWM), bytes; -1 where /proc is not there. */
    static long peakRssBytes() {
        long kib = procValue("status", "VmHWM:");
        return kib < 0 ? -1 : kib * 1024;
    }

    /**
     * Bytes this process has written with write calls so far (Linux {@code /proc/self/io} wchar: files, deleted ones
     * included, and pipes); -1 where /proc is not there.
     */
    static long bytesWrittenByThisProcess() {
        return procValue("io", "wchar:");
    }

    /** The number on the line of {@code /proc/self/FILE} that starts with {@code key}; -1 where there is none (not Linux). */
    private static long procValue(String file, String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self", file))) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.substring(key.length()).replaceAll("[^0-9]", ""));
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            // not Linux: the figure is reported as unknown
        }
        return -1;
    }

    /** Bytes of every file under the run's folder. */
    private static long bytes(Path folder) throws java.io.IOException {
        try (var paths = Files.walk(folder)) {
            return paths.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> funnel(Path folder) throws java.io.IOException {
        return new com.fasterxml.jackson.databind.ObjectMapper().readValue(folder.resolve("stages").resolve("funnel.json").toFile(), Map.class);
    }

    private static void deleteRecursively(Path folder) throws java.io.IOException {
        try (var paths = Files.walk(folder)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
