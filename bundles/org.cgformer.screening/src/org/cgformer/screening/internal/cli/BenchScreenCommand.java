package org.cgformer.screening.internal.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.cgformer.cli.api.CommandLineRunner;
import org.cgformer.screening.api.ScreeningListener;
import org.cgformer.screening.api.ScreeningOptions;
import org.cgformer.screening.api.ScreeningResult;
import org.cgformer.screening.api.ScreeningService;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cgformer bench screen DESIGN_FILE --eb-model DIR [--ehull-model DIR] [--limit 100] [--all]}. */
@Command(name = "screen", mixinStandardHelpOptions = true, description = {
    "Candidates screened per second: structure generation + featurization + both predictions, timed by the screening",
    "pipeline on the first N candidates of the funnel (a fresh report folder, no cache). Prints the measured rate and the",
    "time it gives for the filtered set and for every combination (extrapolated unless --all measures them)."})
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

    @Option(names = "--work", paramLabel = "DIR", description = "Folder for the timed run (default: a temporary folder, deleted).")
    Path work;

    private final ScreeningService service;

    BenchScreenCommand(ScreeningService service) {
        this.service = service;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path folder = work != null ? work : Files.createTempDirectory("cgformer-bench-screen");
        ScreeningOptions options = ScreeningOptions.defaults(ebModel, ehullModel).withAll(all).withLimit(limit)
                .withGeneration(ScreeningOptions.DEFAULT_GROUPS, decorations, 1);
        try {
            ScreeningResult result = service.screen(designSpace, options, folder, ScreeningListener.SILENT);
            Map<String, Double> t = result.stageSeconds();
            double seconds = t.getOrDefault("generate", 0.0) + t.getOrDefault("featurize", 0.0) + t.getOrDefault("predict", 0.0);
            long screened = result.candidates().size();
            Map<String, Object> funnel = funnel(folder);
            long survivors = ((Number) funnel.get("survivors")).longValue();
            long combinations = ((Number) funnel.get("combinations")).longValue();
            double rate = screened / seconds;
            out.printf(Locale.ROOT, "timed %d candidates of the %s (%d failed): generate %.2f s, featurize %.2f s, predict %.2f s%n", screened,
                    all ? "combinations" : "funnel's survivors", result.failed(), t.get("generate"), t.get("featurize"), t.get("predict"));
            out.printf(Locale.ROOT, "candidates screened per second: %.3f (generation + featurization + %s)%n", rate,
                    ehullModel == null ? "the Eb prediction" : "both predictions");
            boolean measuredSet = limit == 0 || limit >= (all ? combinations : survivors);
            out.printf(Locale.ROOT, "filtered set, %d candidates: %s%n", survivors,
                    !all && measuredSet ? String.format(Locale.ROOT, "measured %.1f s", seconds)
                            : String.format(Locale.ROOT, "extrapolated %.1f s", survivors / rate));
            out.printf(Locale.ROOT, "every combination, %d candidates: %s%n", combinations,
                    all && measuredSet ? String.format(Locale.ROOT, "measured %.1f s", seconds)
                            : String.format(Locale.ROOT, "extrapolated %.1f h", combinations / rate / 3600));
            out.flush();
        } finally {
            if (work == null) {
                deleteRecursively(folder);
            }
        }
        return CommandLineRunner.OK;
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
