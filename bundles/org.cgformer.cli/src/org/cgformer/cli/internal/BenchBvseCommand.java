package org.cgformer.cli.internal;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.cgformer.bvse.api.BvseCalculator;
import org.cgformer.bvse.api.BvseException;
import org.cgformer.bvse.api.BvseOptions;
import org.cgformer.bvse.api.BvseResult;
import org.cgformer.bvse.api.StructureIons;
import org.cgformer.cli.api.CommandLineRunner;
import org.cgformer.core.install.Installation;
import org.cgformer.structure.api.StructureException;
import org.cgformer.structure.api.StructureFormatException;
import org.cgformer.structure.api.StructureReader;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code cgformer bench bvse}: seconds per structure for BVSE, measured in-process after a warm-up,
 * on the NASICON cell at two resolutions and on a folder of sodium compounds.
 */
@Command(name = "bvse", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Time BVSE in-process (after a warm-up): the NASICON cell at 0.2 and 0.1 Å and every structure of a folder.",
            "Prints medians of what it measured; figures of other tools are quoted for scale and marked as not measured here."})
public class BenchBvseCommand implements Callable<Integer> {

    /** Reported in issue 6 for this kind of machine at 0.2 Å per NASICON cell; quoted, never measured here. */
    static final String PYTHON_TOOLS = "ccnb 93-100 s, BVlain 13-18 s per NASICON cell at 0.2 Å (reported, not measured here)";

    @Spec
    CommandSpec spec;

    @Option(names = "--nasicon", paramLabel = "CIF", description = "NASICON cell (default: <shared data>/nasicon/Na3Zr2Si2PO12_R-3c_average.cif).")
    Path nasicon;

    @Option(names = "--folder", paramLabel = "DIR", description = "Folder of Na structures (default: <shared data>/structures/na_compounds).")
    Path folder;

    @Option(names = "--repeats", defaultValue = "3", description = "Timed runs per NASICON resolution (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--folder-resolution", defaultValue = "0.2", paramLabel = "Å",
            description = "Grid spacing for the folder (default: ${DEFAULT-VALUE}).")
    double folderResolution;

    @Option(names = "--limit", description = "Time only the first N structures of the folder.")
    Integer limit;

    private final BvseCalculator calculator;
    private final List<StructureReader> readers;

    BenchBvseCommand(BvseCalculator calculator, List<StructureReader> readers) {
        this.calculator = calculator;
        this.readers = readers;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path cell = nasicon != null ? nasicon
                : Installation.requireSharedData(Path.of("nasicon", "Na3Zr2Si2PO12_R-3c_average.cif"), "give --nasicon CIF");
        Path compounds = folder != null ? folder : Installation.requireSharedData(Path.of("structures", "na_compounds"), "give --folder DIR");
        out.printf(Locale.ROOT, "BVSE benchmark, %d cores, Java %s, %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), calculator.parameterTable());
        StructureIons ions = StructureIons.of(StructureReader.readFile(readers, cell).structure());
        timeNasicon(out, cell, ions, 0.2);
        timeNasicon(out, cell, ions, 0.1);
        out.println("  for scale: " + PYTHON_TOOLS);
        timeFolder(out, compounds);
        return CommandLineRunner.OK;
    }

    private void timeNasicon(PrintWriter out, Path cell, StructureIons ions, double resolution) throws BvseException {
        BvseOptions options = BvseOptions.builder().optResolution(resolution).build();
        calculator.compute(ions.lattice(), ions.sites(), options); // warm-up: JIT and class loading
        double[] seconds = new double[repeats];
        BvseResult result = null;
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            result = calculator.compute(ions.lattice(), ions.sites(), options);
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        int[] n = result.landscape().shape();
        out.printf(Locale.ROOT, "%s at %.2f Å (grid %d×%d×%d, %d threads): median %.3f s of %d runs (min %.3f, max %.3f); Ea3D %.3f eV%n",
                cell.getFileName(), resolution, n[0], n[1], n[2], options.threads(), median(seconds), repeats,
                Arrays.stream(seconds).min().orElse(0), Arrays.stream(seconds).max().orElse(0),
                result.ea3D() == null ? Double.NaN : result.ea3D());
        out.flush();
    }

    private void timeFolder(PrintWriter out, Path compounds) throws Exception {
        List<Path> files = StructureFiles.expand(List.of(compounds), readers);
        if (limit != null && limit < files.size()) {
            files = files.subList(0, limit);
        }
        BvseOptions options = BvseOptions.builder().optResolution(folderResolution).build();
        List<Double> seconds = new ArrayList<>();
        java.util.Map<String, Integer> refusedFor = new java.util.TreeMap<>();
        int refused = 0;
        long total = System.nanoTime();
        for (Path file : files) {
            try {
                StructureIons ions = StructureIons.of(StructureReader.readFile(readers, file).structure());
                long start = System.nanoTime();
                calculator.compute(ions.lattice(), ions.sites(), options);
                seconds.add((System.nanoTime() - start) / 1e9);
            } catch (StructureFormatException | StructureException | BvseException | java.io.IOException e) {
                // data problems (no Na, missing softBV parameters, unreadable file); a bug fails the benchmark
                refused++;
                refusedFor.merge(e.getClass().getSimpleName() + ": " + firstWords(e.getMessage()), 1, Integer::sum);
            }
        }
        double wall = (System.nanoTime() - total) / 1e9;
        double[] values = seconds.stream().mapToDouble(Double::doubleValue).toArray();
        out.printf(Locale.ROOT, "%s: %d structures at %.2f Å, %d refused (no Na, missing parameters…); per structure median %.3f s, mean %.3f s, max %.3f s; wall %.1f s%n",
                compounds, values.length, folderResolution, refused, median(values),
                Arrays.stream(values).average().orElse(0), Arrays.stream(values).max().orElse(0), wall);
        refusedFor.forEach((why, count) -> out.printf(Locale.ROOT, "  refused %d x %s%n", count, why));
    }

    /** The start of a refusal message, so that refusals of one kind are counted together. */
    private static String firstWords(String message) {
        String m = message == null ? "" : message.replaceAll("^.*?: ", "");
        return m.length() > 60 ? m.substring(0, 60) + "…" : m;
    }

    private static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

}
