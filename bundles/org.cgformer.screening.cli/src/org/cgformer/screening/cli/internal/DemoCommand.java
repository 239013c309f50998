package org.cgformer.screening.cli.internal;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.cgformer.cli.api.CommandLineRunner;
import org.cgformer.core.install.Installation;
import org.cgformer.screening.api.ScreeningException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cgformer demo [-o DIR]}: the article's workflow on the shipped example, by running the product's own commands
 * in order (design funnel, cluster, sample; design label: the sample's occupancy-weighted cells labelled with the mean
 * BVSE barrier of several ordered decorations; finetune the shipped pre-trained CGCNN and CGformer barrier models on
 * those labels, or train them from scratch when none is shipped; screen with a held-out validation against the oracle).
 * Every step is resumable, so an interrupted demo continues where it stopped.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, description = {
    "Run the article's workflow on the shipped example design space (about 10 minutes on 2 cores): funnel -> cluster ->",
    "sample -> BVSE labels (the mean of --label-decorations ordered decorations per candidate, on its occupancy-weighted",
    "cell) -> fine-tune the pre-trained CGCNN barrier model (k-fold ensemble) and the CGformer baseline on the same folds",
    "-> stability model (when one is given or shipped) -> screen, with the ranking's skill measured on held-out",
    "candidates -> report. The pre-trained models ship in examples/models (examples/models/README.md says how they were made).",
    "Prints where the report is. Running it again on the same folder skips the steps already done."})
public class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, defaultValue = "cgformer-demo", paramLabel = "DIR",
            description = "Folder for everything the demo makes; the report is DIR/report (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--design", paramLabel = "FILE",
            description = "Design space (default: examples/nasicon-zr-site.designspace, the article's chemical space, from the "
                    + "working directory or else the installation).")
    Path design;

    @Option(names = "--fraction", defaultValue = "0.3",
            description = "Fraction of each cluster labelled with BVSE for the barrier model (default: ${DEFAULT-VALUE}; the article: 0.3).")
    double fraction;

    @Option(names = "--resolution", defaultValue = "0.3", paramLabel = "Å",
            description = "BVSE grid spacing of the labels (default: ${DEFAULT-VALUE}; 0.1 for production).")
    double resolution;

    @Option(names = "--kfold", defaultValue = "5", description = "Folds of the barrier models (default: ${DEFAULT-VALUE}; the article: 10).")
    int kfold;

    @Option(names = "--epochs", defaultValue = "100", description = "Most training epochs; early stopping after 20 without progress "
            + "(default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--label-decorations", defaultValue = "3", paramLabel = "N",
            description = "Ordered decorations per label, whose mean BVSE barrier is the label (default: ${DEFAULT-VALUE}; one "
                    + "decoration's barrier varies about as much between decorations as between compositions).")
    int labelDecorations;

    @Option(names = "--decorations", defaultValue = "5", description = "Decorations per generated structure, K (default: ${DEFAULT-VALUE}).")
    int decorations;

    @Option(names = "--limit", defaultValue = "200",
            description = "Screen the first N of the funnel's survivors (default: ${DEFAULT-VALUE}; 0 = all 830, about 15 more minutes).")
    int limit;

    @Option(names = "--validate", defaultValue = "100", paramLabel = "N",
            description = "Held-out screened candidates labelled with BVSE at --resolution to measure the ranking's skill "
                    + "(default: ${DEFAULT-VALUE}; 0 = skill unmeasured).")
    int validate;

    @Option(names = "--oracle-decorations", defaultValue = "4", paramLabel = "N",
            description = "Decorations per validated candidate whose mean barrier is the oracle's label (default: ${DEFAULT-VALUE}; "
                    + "see cgformer screen --help).")
    int oracleDecorations;

    @Option(names = "--ehull-model", paramLabel = "DIR",
            description = "Stability model (meV/atom) to screen with (default: examples/models/ehull-cgcnn when shipped: on the "
                    + "same folds it beats the CGformer ensemble, examples/models/README.md).")
    Path ehullModel;

    @Option(names = "--ehull-baseline", paramLabel = "DIR",
            description = "Baseline stability model for the report (default: examples/models/ehull-cgformer when shipped).")
    Path ehullBaseline;

    @Option(names = "--eb-pretrained", paramLabel = "DIR",
            description = "Pre-trained CGCNN barrier model to fine-tune (default: examples/models/eb-pretrained-cgcnn when shipped: on the "
                    + "same folds it ranks better than CGformer, docs/screening.md).")
    Path ebPretrained;

    @Option(names = "--eb-pretrained-baseline", paramLabel = "DIR",
            description = "Pre-trained CGformer barrier model to fine-tune as the baseline (default: examples/models/eb-pretrained-cgformer "
                    + "when shipped).")
    Path ebPretrainedBaseline;

    @Option(names = "--from-scratch", description = "Train the barrier models from scratch instead of fine-tuning pre-trained ones.")
    boolean fromScratch;

    /**
     * Where the product ships pre-trained models: relative to the working directory (the repository root in a checkout)
     * or else to the installation ({@link Installation#findShipped}); "when shipped" in the options means found there.
     */
    static final Path SHIPPED = Path.of("examples", "models");
    /** The article's chemical space, shipped beside the models. */
    static final Path SHIPPED_DESIGN = Path.of("examples", "nasicon-zr-site.designspace");

    private final CommandLineRunner runner;

    DemoCommand(CommandLineRunner runner) {
        this.runner = runner;
    }

    @Override
    public Integer call() throws Exception {
        if (runner == null) {
            throw new ScreeningException("the command runner service is not available");
        }
        Path designFile = design != null ? design : Installation.requireShipped(SHIPPED_DESIGN, "give --design FILE");
        if (!Files.isRegularFile(designFile)) {
            throw new ScreeningException("no design space " + designFile + " (--design)");
        }
        PrintWriter err = spec.commandLine().getErr();
        Path work = Files.createDirectories(output.resolve("work"));
        Path results = work.resolve("design.designresults");
        Path labels = work.resolve("eb-dataset");
        Path ebModel = output.resolve("models").resolve("eb-cgcnn");
        Path ebBaseline = output.resolve("models").resolve("eb-cgformer");
        Path report = output.resolve("report");
        long start = System.nanoTime();

        step(err, "1/6 funnel", "design", "funnel", designFile.toString(), "--results", results.toString());
        step(err, "2/6 cluster", "design", "cluster", designFile.toString(), "--groups", "20", "--results", results.toString());
        step(err, "3/6 sample", "design", "sample", designFile.toString(), "--fraction", num(fraction), "--seed", "1", "--results",
                results.toString());
        // a rerun labels only what is missing; the sample is the same for the same seed
        step(err, "4/6 BVSE barrier labels", "design", "label", designFile.toString(), "--candidates", "sampled", "--cell", "occupancy",
                "--label-decorations", Integer.toString(labelDecorations), "--decorations", Integer.toString(decorations), "--resolution",
                num(resolution), "--results", results.toString(), "-o", labels.toString());
        barrierModel(err, "5/6 barrier model: CGCNN", "cgcnn", pretrained(ebPretrained, "eb-pretrained-cgcnn"), labels, ebModel);
        barrierModel(err, "5/6 barrier baseline: CGformer, same folds", "cgformer", pretrained(ebPretrainedBaseline, "eb-pretrained-cgformer"),
                labels, ebBaseline);
        Path ehull = ehullModel != null ? ehullModel : shipped("ehull-cgcnn");
        Path ehullBase = ehullBaseline != null ? ehullBaseline : shipped("ehull-cgformer");
        if (ehull == null) {
            err.println("== no stability model: give --ehull-model DIR (none shipped in " + Installation.shippedPlaces(SHIPPED.resolve("ehull-cgcnn"))
                    + "); screening by Eb only");
        }
        List<String> screen = new ArrayList<>(List.of("screen", designFile.toString(), "--eb-model", ebModel.toString(), "--eb-baseline",
                ebBaseline.toString(), "--decorations", Integer.toString(decorations), "--limit", Integer.toString(limit), "--validate",
                Integer.toString(validate), "--oracle-resolution", Double.toString(resolution), "--oracle-decorations",
                Integer.toString(oracleDecorations), "-o", report.toString()));
        if (ehull != null) {
            screen.addAll(List.of("--ehull-model", ehull.toString()));
        }
        if (ehullBase != null) {
            screen.addAll(List.of("--ehull-baseline", ehullBase.toString()));
        }
        step(err, "6/6 screen", screen.toArray(String[]::new));
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "demo finished in %.1f min%n", (System.nanoTime() - start) / 60e9);
        out.println("report: " + report.toAbsolutePath().resolve("index.html"));
        out.flush();
        return CommandLineRunner.OK;
    }

    /** The pre-trained model to fine-tune: the option, else the shipped folder when it exists; null with --from-scratch. */
    private Path pretrained(Path option, String shipped) throws ScreeningException {
        if (fromScratch) {
            return null;
        }
        if (option != null && !Files.isDirectory(option)) {
            throw new ScreeningException("no pre-trained model folder " + option);
        }
        return option != null ? option : shipped(shipped);
    }

    /**
     * The article's second stage: fine-tune the pre-trained model on the sample's labels with the same folds as a fresh
     * training would use (same seed), so CGformer and the CGCNN baseline are compared on the same splits.
     */
    private void barrierModel(PrintWriter err, String title, String model, Path parent, Path labels, Path folder)
            throws ScreeningException {
        if (Files.isRegularFile(folder.resolve("metrics.json"))) {
            err.println("== " + title + ": done in an earlier run (" + folder + ")");
            return;
        }
        if (parent == null) {
            err.println("== " + title + ": no pre-trained " + model + " barrier model" + (fromScratch ? " (--from-scratch)" : "")
                    + ": training from scratch");
            train(err, title, model, labels, folder);
            return;
        }
        // the parent fixes the architecture and featurizer; a lower rate keeps what pre-training learned. The head is
        // re-initialised and the target scaling fitted anew: fine-tuning labels (DFT, NEB, or BVSE on a finer grid and
        // averaged over decorations) sit on another scale than the coarse pre-training barriers
        step(err, title + ", fine-tuned from " + parent, "finetune", labels.toString(), "--from", parent.toString(), "--reset-head",
                "--kfold", Integer.toString(kfold), "--epochs", Integer.toString(epochs), "--patience", "20", "--batch-size", "8", "--lr", "0.001",
                "-o", folder.toString());
    }

    private void train(PrintWriter err, String title, String model, Path labels, Path folder) throws ScreeningException {
        List<String> args = new ArrayList<>(List.of("train", labels.toString(), "--model", model, "--kfold", Integer.toString(kfold),
                "--epochs", Integer.toString(epochs), "--patience", "20", "--batch-size", "8", "--lr", "0.001", "-o", folder.toString()));
        // small networks for 252 labels (docs/screening.md, "The occupancy-weighted cell")
        List<String> hyper = model.equals("cgformer")
                ? List.of("hiddenSize=32", "headSize=32", "convLayers=2", "attentionLayers=1", "heads=2", "ffnSize=64")
                : List.of("hiddenSize=32", "headSize=32", "convLayers=3");
        hyper.forEach(h -> args.addAll(List.of("--set", h)));
        step(err, title, args.toArray(String[]::new));
    }

    private void step(PrintWriter err, String title, String... args) throws ScreeningException {
        err.println("== " + title + ": cgformer " + String.join(" ", args));
        err.flush();
        long t0 = System.nanoTime();
        int code = runner.execute(args);
        if (code != CommandLineRunner.OK) {
            throw new ScreeningException("demo step '" + title + "' failed (exit code " + code + "): cgformer " + String.join(" ", args));
        }
        err.printf(Locale.ROOT, "== %s: %.1f s%n", title, (System.nanoTime() - t0) / 1e9);
    }

    /** The shipped model folder {@code examples/models/NAME}, or null when none is shipped. */
    private static Path shipped(String name) {
        return Installation.findShipped(SHIPPED.resolve(name)).filter(Files::isDirectory).orElse(null);
    }

    private static String num(double value) {
        return String.format(Locale.ROOT, "%s", value);
    }
}
