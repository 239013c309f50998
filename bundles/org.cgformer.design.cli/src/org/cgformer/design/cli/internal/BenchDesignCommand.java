package org.cgformer.design.cli.internal;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import org.cgformer.cli.api.CommandLineRunner;
import org.cgformer.design.api.AgglomerativeClustering;
import org.cgformer.design.api.CompositionDescriptors;
import org.cgformer.design.api.DesignException;
import org.cgformer.design.api.DesignWorkflow;
import org.cgformer.design.api.FunnelResult;
import org.cgformer.design.structure.StructureGenerator;
import org.cgformer.design.model.DesignSpace;
import org.cgformer.design.model.Linkage;
import org.cgformer.structure.api.StructureReader;
import org.eclipse.emf.common.util.BasicMonitor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cgformer bench design FILE}: times the full funnel over all combinations and the Ward
 * clustering of its survivors. Prints only what it measured: the median, minimum and maximum of the
 * timed repeats after untimed warm-up runs. Writes no files.
 */
@Command(name = "design", mixinStandardHelpOptions = true,
        description = {"Time the funnel over all combinations of a design space, the clustering of its survivors and",
                "structure generation for all survivors (median of the repeats after warm-up runs). Writes nothing."})
public class BenchDesignCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "1", paramLabel = "<designspace>", description = "The .designspace file.")
    Path file;

    @Option(names = "--repeats", defaultValue = "5", description = "Timed runs (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--warmup", defaultValue = "2", description = "Untimed runs first, for the JIT (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--generation-repeats", defaultValue = "3",
            description = "Timed runs of structure generation for all survivors, after one warm-up; 0 skips it (default: ${DEFAULT-VALUE}).")
    int generationRepeats;

    @Option(names = "--decorations", defaultValue = "20", description = "Decorations per candidate when generating (default: ${DEFAULT-VALUE}).")
    int decorations;

    @Option(names = "--groups", defaultValue = "20", description = "Groups for the clustering step (default: ${DEFAULT-VALUE}).")
    int groups;

    private final DesignWorkflow workflow;

    private final List<StructureReader> readers;

    BenchDesignCommand(DesignWorkflow workflow, List<StructureReader> readers) {
        this.readers = readers;
        this.workflow = workflow;
    }

    @Override
    public Integer call() throws Exception {
        if (repeats < 1 || warmup < 0) {
            throw new DesignException("--repeats must be at least 1 and --warmup at least 0");
        }
        PrintWriter out = spec.commandLine().getOut();
        DesignSpace designSpace = DesignFiles.loadValid(file, spec.commandLine().getErr());
        FunnelResult result = workflow.funnel(designSpace, new BasicMonitor());
        out.printf("design space '%s': funnel %s%n", designSpace.getName(), result.summary());
        out.printf("Java %s, %d processors available%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        report(out, String.format("funnel over %d combinations", result.combinations()), time(() -> workflow.funnel(designSpace, new BasicMonitor())));
        double[][] points = CompositionDescriptors.standardize(descriptors(result));
        if (points.length >= groups) {
            report(out, String.format("Ward clustering of %d survivors into %d groups", points.length, groups),
                    time(() -> AgglomerativeClustering.cluster(points, Linkage.WARD).cut(groups)));
        }
        if (generationRepeats > 0) {
            long start = System.nanoTime();
            StructureGenerator generator = DesignFiles.generator(designSpace, readers, StructureGenerator.Cell.CONVENTIONAL);
            // reads the host CIF and computes the supercell's Ewald matrix, shared by all later decorations
            generator.generate(result.survivors().get(0).dopants(), result.survivors().get(0).mobileIonContent(), 1, 1);
            out.printf("structure generation set-up (host CIF, supercell Ewald matrix): %.1f ms (one run)%n",
                    (System.nanoTime() - start) / 1e6);
            int warmupRuns = Math.min(warmup, 1);
            report(out, String.format("structure generation for %d survivors (K = %d decorations, no file output)",
                    result.survivors().size(), decorations), time(() -> generateAll(generator, result), warmupRuns, generationRepeats),
                    generationRepeats, warmupRuns);
        }
        return CommandLineRunner.OK;
    }

    private static double[][] descriptors(FunnelResult result) {
        return result.survivors().stream().map(FunnelResult.Survivor::descriptors).toArray(double[][]::new);
    }

    private void generateAll(StructureGenerator generator, FunnelResult result) throws DesignException {
        for (FunnelResult.Survivor survivor : result.survivors()) {
            generator.generate(survivor.dopants(), survivor.mobileIonContent(), decorations, 1 + survivor.rank());
        }
    }

    private double[] time(Work work) throws Exception {
        return time(work, warmup, repeats);
    }

    private double[] time(Work work, int warmupRuns, int timedRuns) throws Exception {
        for (int i = 0; i < warmupRuns; i++) {
            work.run();
        }
        double[] millis = new double[timedRuns];
        for (int i = 0; i < timedRuns; i++) {
            long start = System.nanoTime();
            work.run();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        return millis;
    }

    private void report(PrintWriter out, String what, double[] sortedMillis) {
        report(out, what, sortedMillis, repeats, warmup);
    }

    private void report(PrintWriter out, String what, double[] sortedMillis, int timedRuns, int warmupRuns) {
        double median = sortedMillis.length % 2 == 1 ? sortedMillis[sortedMillis.length / 2]
                : (sortedMillis[sortedMillis.length / 2 - 1] + sortedMillis[sortedMillis.length / 2]) / 2;
        out.printf("%s: median %.1f ms (min %.1f, max %.1f; %d timed runs after %d warm-up)%n", what, median,
                sortedMillis[0], sortedMillis[sortedMillis.length - 1], timedRuns, warmupRuns);
    }

    @FunctionalInterface
    private interface Work {
        void run() throws Exception;
    }
}
