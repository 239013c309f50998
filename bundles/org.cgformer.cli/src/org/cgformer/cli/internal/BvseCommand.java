package org.cgformer.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import org.cgformer.bvse.api.BvseCalculator;
import org.cgformer.bvse.api.BvseException;
import org.cgformer.bvse.api.BvseOptions;
import org.cgformer.bvse.api.BvseResult;
import org.cgformer.bvse.api.StructureIons;
import org.cgformer.cli.api.CommandLineRunner;
import org.cgformer.structure.api.ReadResult;
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

/** {@code cgformer bvse}: migration barriers of a mobile ion from bond valence site energy. */
@Command(name = "bvse", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Migration barriers of a mobile ion (Na+ by default) from bond valence site energy (BVSE).",
            "Ea1D/Ea2D/Ea3D are the lowest energies, above the landscape minimum, at which the region below them "
                    + "spans the crystal in 1, 2 and 3 independent directions; 'none' means it does not percolate.",
            "Oxidation states come from the file, or are guessed from bond-valence sums when it has none."})
public class BvseCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "Structure files (CIF, POSCAR…) or folders of them.")
    List<Path> inputs;

    @Option(names = "--ion", defaultValue = "Na", description = "Element of the mobile ion (default: ${DEFAULT-VALUE}).")
    String ion;

    @Option(names = "--charge", defaultValue = "1", description = "Charge of the mobile ion (default: ${DEFAULT-VALUE}).")
    int charge;

    @Option(names = "--resolution", defaultValue = "0.1", paramLabel = "Å",
            description = "Grid spacing along each cell vector in Å (default: ${DEFAULT-VALUE}).")
    double resolution;

    @Option(names = "--cube", paramLabel = "OUT",
            description = "Write the energy landscape as a Gaussian .cube file (a folder when several files are given).")
    Path cube;

    @Option(names = "--json", description = "Print one JSON object keyed by file path instead of text.")
    boolean json;

    @Option(names = "--threads", description = "Worker threads (default: all cores).")
    Integer threads;

    private final BvseCalculator calculator;
    private final List<StructureReader> readers;

    BvseCommand(BvseCalculator calculator, List<StructureReader> readers) {
        this.calculator = calculator;
        this.readers = readers;
    }

    @Override
    public Integer call() throws IOException {
        BvseOptions options = options();
        List<Path> files = StructureFiles.expand(inputs, readers);
        Map<String, Object> report = new LinkedHashMap<>();
        int failures = 0;
        for (Path file : files) {
            try {
                report.put(file.toString(), compute(file, files.size() > 1, options));
            } catch (IOException | StructureFormatException | BvseException e) {
                failures++;
                report.put(file.toString(), Map.of("error", message(file, e)));
                if (!json) {
                    spec.commandLine().getErr().println("cgformer bvse: " + message(file, e));
                }
            }
        }
        if (json) {
            spec.commandLine().getOut().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(report));
        } else {
            spec.commandLine().getOut().println("convention: " + calculator.convention() + "; parameters: "
                    + calculator.parameterTable() + "; settings: " + options.describe());
        }
        return failures == 0 ? CommandLineRunner.OK : CommandLineRunner.FAILED;
    }

    private Map<String, Object> compute(Path file, boolean several, BvseOptions options)
            throws IOException, StructureFormatException, BvseException {
        ReadResult read = StructureReader.readFile(readers, file);
        StructureIons ions = StructureIons.of(read.structure());
        long start = System.nanoTime();
        BvseResult result = calculator.compute(ions.lattice(), ions.sites(), options);
        double seconds = (System.nanoTime() - start) / 1e9;
        Path cubeFile = writeCube(file, several, result, ions);
        if (!json) {
            print(spec.commandLine().getOut(), file, read, result, ions, seconds, cubeFile);
        }
        Map<String, Object> entry = toJson(result, ions, seconds, cubeFile);
        entry.put("settings", options.describe());
        return entry;
    }

    private Path writeCube(Path file, boolean several, BvseResult result, StructureIons ions) throws IOException {
        if (cube == null) {
            return null;
        }
        Path target = cube;
        if (several || Files.isDirectory(cube)) {
            Files.createDirectories(cube);
            String name = file.getFileName().toString();
            target = cube.resolve((name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name) + ".cube");
        }
        calculator.writeCube(result, ions.sites(), target);
        return target;
    }

    private Map<String, Object> toJson(BvseResult result, StructureIons ions, double seconds, Path cubeFile) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("Ea1D", result.ea1D());
        entry.put("Ea2D", result.ea2D());
        entry.put("Ea3D", result.ea3D());
        entry.put("ion", ion);
        entry.put("resolution", resolution);
        entry.put("parameters", calculator.parameterTable());
        entry.put("grid", result.landscape().shape());
        entry.put("siteEnergies", siteEnergies(result));
        entry.put("oxidationStatesGuessed", ions.oxidationStatesGuessed());
        entry.put("seconds", round(seconds));
        if (cubeFile != null) {
            entry.put("cube", cubeFile.toString());
        }
        return entry;
    }

    private void print(PrintWriter out, Path file, ReadResult read, BvseResult result, StructureIons ions, double seconds,
            Path cubeFile) {
        int[] n = result.landscape().shape();
        out.printf(Locale.ROOT, "%s  %s%s%n", file, read.structure().reducedFormula(),
                ions.oxidationStatesGuessed() ? "  (oxidation states guessed)" : "");
        out.printf(Locale.ROOT, "  Ea1D %s   Ea2D %s   Ea3D %s   (%s, grid %d×%d×%d at %s Å, %.2f s)%n",
                barrier(result.ea1D()), barrier(result.ea2D()), barrier(result.ea3D()), result.mobileIon(), n[0], n[1],
                n[2], resolution, seconds);
        StringBuilder sites = new StringBuilder("  site energies:");
        siteEnergies(result).forEach((label, energy) -> sites.append(String.format(Locale.ROOT, " %s %.3f eV", label, energy)));
        out.println(sites);
        if (cubeFile != null) {
            out.println("  landscape: " + cubeFile);
        }
    }

    /** Highest energy per site label (equivalent positions of one site agree up to grid noise). */
    private static Map<String, Double> siteEnergies(BvseResult result) {
        Map<String, Double> energies = new TreeMap<>();
        for (BvseResult.SiteEnergy site : result.siteEnergies()) {
            energies.merge(site.label(), round(site.energy()), Math::max);
        }
        return energies;
    }

    private BvseOptions options() {
        try {
            BvseOptions.Builder builder = BvseOptions.builder().optMobileIon(ion, charge).optResolution(resolution);
            if (threads != null) {
                builder.optThreads(threads);
            }
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private static String barrier(Double value) {
        return value == null ? "none" : String.format(Locale.ROOT, "%.3f eV", value);
    }

    private static double round(double value) {
        return Math.round(value * 1e4) / 1e4;
    }

    static String message(Path file, Exception e) {
        String text = e.getMessage() == null ? e.toString() : e.getMessage();
        return text.startsWith(file.toString()) ? text : file + ": " + text;
    }
}
