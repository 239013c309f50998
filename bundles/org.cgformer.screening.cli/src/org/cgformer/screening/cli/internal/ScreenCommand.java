package org.cgformer.screening.cli.internal;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.cgformer.cli.api.CommandLineRunner;
import org.cgformer.cli.options.ExecutionOptions;
import org.cgformer.screening.api.Calibration;
import org.cgformer.screening.api.Candidate;
import org.cgformer.screening.api.ScreeningOptions;
import org.cgformer.screening.api.ScreeningResult;
import org.cgformer.screening.api.ScreeningService;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cgformer screen DESIGN_FILE --eb-model DIR [--ehull-model DIR] [--all] [--top 18] -o REPORT_DIR}. */
@Command(name = "screen", mixinStandardHelpOptions = true, description = {
    "Screen a design space: for every candidate of the funnel (or every combination with --all) generate its structure,",
    "featurize it, predict the barrier Eb and the energy above hull Ehull (mean and spread of the fold ensembles), rank,",
    "find the Eb-Ehull Pareto front, shortlist the top N and estimate the room-temperature conductivity (Arrhenius, a trend).",
    "Writes candidates.csv, shortlist.csv, summary.json, plots/*.png and index.html to REPORT_DIR. Staged: running again",
    "on the same REPORT_DIR resumes after the last finished stage; failed candidates are listed with their reason."})
public class ScreenCommand implements Callable<Integer> {

    /** Reads --calibrate. */
    static final class CalibrationConverter implements picocli.CommandLine.ITypeConverter<Calibration> {
        @Override
        public Calibration convert(String value) {
            try {
                return Calibration.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DESIGN_FILE", description = "The .designspace file.")
    Path designSpace;

    @Option(names = "--eb-model", required = true, paramLabel = "DIR",
            description = "Barrier model: a model folder or a folder of fold models (cgformer train --kfold); eV.")
    Path ebModel;

    @Option(names = "--ehull-model", paramLabel = "DIR",
            description = "Stability model (energy above hull, meV/atom); without it Ehull is not predicted.")
    Path ehullModel;

    @Option(names = "--eb-baseline", paramLabel = "DIR", description = "Baseline barrier model (e.g. CGCNN on the same data) for the summary.")
    Path ebBaseline;

    @Option(names = "--ehull-baseline", paramLabel = "DIR", description = "Baseline stability model for the summary.")
    Path ehullBaseline;

    @Option(names = "--all", description = "Screen every combination of the design space, not only the funnel's survivors.")
    boolean all;

    @Option(names = "--top", defaultValue = "18", description = "Shortlist size (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--ehull-ceiling", defaultValue = "100", paramLabel = "meV/atom",
            description = "Candidates above this predicted Ehull rank last and are not shortlisted (default: ${DEFAULT-VALUE}).")
    double ceiling;

    @Option(names = "--risk", defaultValue = "0",
            description = "Score = Eb + RISK x Eb spread; 0 ranks by the mean (default: ${DEFAULT-VALUE}).")
    double risk;

    @Option(names = "--groups", defaultValue = "20", description = "Clusters of the survivors, Ward linkage (default: ${DEFAULT-VALUE}).")
    int groups;

    @Option(names = "--decorations", defaultValue = "20", description = "Random decorations per structure, K (default: ${DEFAULT-VALUE}).")
    int decorations;

    @Option(names = "--seed", defaultValue = "1", description = "Structure generation seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--calibrate", paramLabel = "COMPOSITION=S/cm@T", converter = CalibrationConverter.class,
            description = "A measured conductivity of a reference composition (the parent or a screened candidate), e.g. "
                    + "Na3Zr2Si2PO12=6.7e-4@298.15; conductivities are then given relative to it. Without it none are shown.")
    Calibration calibration;

    @Option(names = "--validate", defaultValue = "0", paramLabel = "N",
            description = "Label N held-out screened candidates with the oracle (BVSE Ea3D) and report the ranking's skill "
                    + "(default: 0, skill unmeasured).")
    int validate;

    @Option(names = "--oracle-resolution", defaultValue = "0.3", paramLabel = "Å",
            description = "BVSE grid spacing of the oracle; use the fine-tuning labels' (default: ${DEFAULT-VALUE}).")
    double oracleResolution;

    @Option(names = "--oracle-decorations", defaultValue = "1", paramLabel = "N",
            description = "Label each validated candidate with the oracle's mean over N decorations (its structure and N-1 more); "
                    + "one decoration's barrier varies between decorations about as much as between compositions (default: "
                    + "${DEFAULT-VALUE}).")
    int oracleDecorations;

    @Option(names = "--keep-graphs", description = "Keep the candidates' crystal graph files (graphs/, about 2 MB per candidate); "
            + "by default they are deleted when the run is done.")
    boolean keepGraphs;

    @Option(names = "--keep-structures", description = "Keep every candidate's structure files (structures/, about 13 kB per candidate "
            + "and recipe); by default only those of the shortlist, the Pareto front and the validated candidates are kept, and any "
            + "other is made again, the same, from its recipe and seed.")
    boolean keepStructures;

    @Option(names = "--batch-size", defaultValue = "16", description = "Structures per prediction batch (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--limit", defaultValue = "0", description = "Screen only the first N candidates, enumeration order (default: all).")
    int limit;

    @picocli.CommandLine.Mixin
    ExecutionOptions execution = new ExecutionOptions();

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "REPORT_DIR", description = "Report folder (created; resumed when it exists).")
    Path output;

    private final ScreeningService service;

    ScreenCommand(ScreeningService service) {
        this.service = service;
    }

    ScreeningOptions options() {
        return ScreeningOptions.defaults(ebModel, ehullModel).withBaselines(ebBaseline, ehullBaseline).withAll(all).withTop(top)
                .withScore(ceiling, risk).withGeneration(groups, decorations, seed).withCalibration(calibration)
                .withBatchSize(batchSize).withLimit(limit).withValidation(validate, oracleResolution).withOracleDecorations(oracleDecorations).withKeepGraphs(keepGraphs)
                .withKeepStructures(keepStructures);
    }

    @Override
    public Integer call() throws Exception {
        ScreeningResult result = service.screen(designSpace, options(), output, new ConsoleListener(spec.commandLine().getErr()),
                execution.execution());
        print(spec.commandLine().getOut(), result);
        return CommandLineRunner.OK;
    }

    static void print(PrintWriter out, ScreeningResult result) {
        long ok = result.candidates().size() - result.failed();
        out.printf(Locale.ROOT, "%d candidates: %d ranked, %d failed; shortlist of %d:%n", result.candidates().size(), ok, result.failed(),
                result.shortlist().size());
        out.printf(Locale.ROOT, "%5s  %-10s %-40s %-18s %-10s %-20s %s%n", "rank", "id", "formula", "Eb (eV)", "dEb (eV)",
                "Ehull (meV/atom)", "sigma calibrated (S/cm)");
        for (Candidate c : result.shortlist()) {
            out.printf(Locale.ROOT, "%5d  %-10s %-40s %-18s %-10s %-20s %s%s%n", c.rank(), c.id(), c.formula(),
                    String.format(Locale.ROOT, "%.3f +- %.3f", c.ebEv(), c.ebStdEv()),
                    Double.isNaN(c.deltaEbEv()) ? "-" : String.format(Locale.ROOT, "%+.3f", c.deltaEbEv()),
                    Double.isNaN(c.ehullMevAtom()) ? "-" : String.format(Locale.ROOT, "%.1f +- %.1f", c.ehullMevAtom(), c.ehullStdMevAtom()),
                    Double.isNaN(c.conductivitySPerCm()) ? "-" : String.format(Locale.ROOT, "%.2e", c.conductivitySPerCm()),
                    c.pareto() ? "  (Pareto)" : "");
        }
        result.skill().forEach(out::println);
        if (!result.resumedStages().isEmpty()) {
            out.println("resumed stages: " + String.join(", ", result.resumedStages()));
        }
        out.println("report: " + result.reportFolder().resolve("index.html"));
        out.flush();
    }
}
