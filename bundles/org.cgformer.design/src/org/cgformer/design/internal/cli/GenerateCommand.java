package org.cgformer.design.internal.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.cgformer.cli.api.CommandLineRunner;
import org.cgformer.design.api.DesignException;
import org.cgformer.design.internal.structure.GeneratedStructure;
import org.cgformer.design.internal.structure.StructureGenerator;
import org.cgformer.design.model.Candidate;
import org.cgformer.design.model.DesignResults;
import org.cgformer.design.model.DesignSpace;
import org.cgformer.structure.api.StructureReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cgformer design generate FILE [--candidates all|sampled] -o DIR}. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Write an ordered supercell (CIF, P1) for each candidate: exact site fractions, charge-balanced",
                "Na content, Si/P in their host ratio; the lowest Ewald energy of K random decorations.",
                "Candidate c<rank> uses seed + rank, so a structure does not depend on which others are generated."})
public class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "1", paramLabel = "<designspace>", description = "The .designspace file.")
    Path file;

    @Option(names = "--candidates", defaultValue = "all", description = "all (every survivor) or sampled (default: ${DEFAULT-VALUE}).")
    String which;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "<dir>", description = "Folder for the CIF files.")
    Path output;

    @Option(names = "--decorations", defaultValue = "20", description = "Random decorations per candidate, K (default: ${DEFAULT-VALUE}).")
    int decorations;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--results", paramLabel = "<file>", description = "Results file (default: FILE with extension .designresults).")
    Path resultsOption;

    private final List<StructureReader> readers;

    GenerateCommand(List<StructureReader> readers) {
        this.readers = readers;
    }

    @Override
    public Integer call() throws Exception {
        if (decorations < 1) {
            throw new DesignException("--decorations must be at least 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        DesignSpace designSpace = DesignFiles.loadValid(file, spec.commandLine().getErr());
        DesignResults results = DesignFiles.loadCurrentResults(file, DesignFiles.resultsFile(file, resultsOption));
        List<Candidate> candidates = chosen(results);
        Files.createDirectories(output);
        StructureGenerator generator = DesignFiles.generator(designSpace, readers);
        ConsoleMonitor monitor = new ConsoleMonitor(spec.commandLine().getErr(), "generate");
        monitor.beginTask("generate", candidates.size());
        int replaced = 0;
        for (Candidate candidate : candidates) {
            GeneratedStructure structure = generator.generate(candidate.getDopants(), candidate.getMobileIonContent(), decorations,
                    seed + candidate.getRank());
            Path cif = output.resolve(candidate.getId() + "_" + candidate.getFormula() + ".cif");
            replaced += Files.exists(cif) ? 1 : 0;
            Files.writeString(cif, structure.toCif(candidate.getFormula()), StandardCharsets.UTF_8);
            monitor.worked(1);
        }
        out.printf("wrote %d structures to %s%s (K = %d decorations each, seed %d)%n", candidates.size(), output,
                replaced > 0 ? " (" + replaced + " replaced)" : "", decorations, seed);
        return CommandLineRunner.OK;
    }

    private List<Candidate> chosen(DesignResults results) throws DesignException {
        switch (which) {
            case "all":
                return results.getCandidates();
            case "sampled":
                if (results.getSampling() == null) {
                    throw new DesignException("no sample in the results: run 'cgformer design sample " + file + "' first");
                }
                return new ArrayList<>(results.getSampling().getSamples());
            default:
                throw new DesignException("--candidates '" + which + "': expected all or sampled");
        }
    }
}
