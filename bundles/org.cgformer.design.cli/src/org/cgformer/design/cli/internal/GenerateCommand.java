package org.cgformer.design.cli.internal;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.cgformer.cli.api.CommandLineRunner;
import org.cgformer.design.api.DesignException;
import org.cgformer.design.api.StructureRecipe;
import org.cgformer.design.api.DesignWorkflow;
import org.cgformer.design.structure.StructureGenerator;
import org.cgformer.design.model.DesignSpace;
import org.cgformer.design.model.resource.DesignSpaceResources;
import org.cgformer.structure.api.StructureReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cgformer design generate FILE [--candidates all|sampled|random:N] -o DIR}. {@code random:N} draws from every
 * combination with the rules off: the broad, mostly unphysical set the article pre-trained its barrier model on.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Write an ordered supercell (CIF, P1) for each candidate: exact site fractions, charge-balanced",
                "Na content, Si/P in their host ratio; the lowest Ewald energy of K random decorations.",
                "Candidate c<rank> uses seed + rank, so a structure does not depend on which others are generated.",
                "A candidate that cannot be generated is reported (OUT/failed.csv) and skipped."})
public class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "1", paramLabel = "<designspace>", description = "The .designspace file.")
    Path file;

    @Option(names = "--candidates", defaultValue = "all", paramLabel = "all|sampled|random:N",
            description = {"all: every survivor of the funnel; sampled: the sample of 'design sample'; random:N: N combinations",
                "drawn at random (--seed) from every combination of the design space with the rules switched off,",
                "e.g. a pre-training set of high-entropy structures (no funnel results needed) (default: ${DEFAULT-VALUE})."})
    String which;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "<dir>", description = "Folder for the CIF files.")
    Path output;

    @Option(names = "--decorations", defaultValue = "20", description = "Random decorations per candidate, K (default: ${DEFAULT-VALUE}).")
    int decorations;

    // conventional by default: a barrier of one ordered decoration varies less between decorations in the larger cell
    // (26 against 35 meV), and the ranking's skill against the oracle dropped from 0.61 to 0.44 on primitive cells
    // (docs/screening.md, "The smallest faithful cell")
    @Option(names = "--cell", defaultValue = "conventional", paramLabel = "conventional|primitive|occupancy",
            description = {"conventional: the smallest multiple of the host's cell as read, stacked along its axes (624 sites for",
                "the NASICON example); primitive: of the host's primitive cell, in its most compact shape (the smallest faithful",
                "cell, 210 sites: 4x faster screening, but its BVSE barriers vary more between decorations and the ranking's",
                "measured skill dropped; docs/screening.md); occupancy: the primitive cell with mixed sites, the mean of all",
                "decorations (42 sites, one cell per composition; --decorations and --seed play no part; for models, not for",
                "BVSE labels, which need ordered cells) (default: ${DEFAULT-VALUE})."})
    String cell;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--results", paramLabel = "<file>", description = "Results file (default: FILE with extension .designresults).")
    Path resultsOption;

    private final DesignWorkflow workflow;
    private final List<StructureReader> readers;

    GenerateCommand(DesignWorkflow workflow, List<StructureReader> readers) {
        this.workflow = workflow;
        this.readers = readers;
    }

    @Override
    public Integer call() throws Exception {
        if (decorations < 1) {
            throw new DesignException("--decorations must be at least 1");
        }
        String supercell;
        try {
            supercell = StructureRecipe.supercellPolicy(cell);
        } catch (IllegalArgumentException e) {
            throw new DesignException("--cell: " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DesignSpace designSpace = DesignFiles.loadValid(file, err);
        DesignTargets.Choice choice = DesignTargets.choose(which, file, resultsOption, designSpace, workflow, seed);
        List<DesignTargets.Target> targets = choice.targets();
        int wanted = choice.wanted();
        Files.createDirectories(output);
        StructureGenerator generator = DesignFiles.generator(designSpace, readers, StructureGenerator.Cell.of(supercell));
        ConsoleMonitor monitor = new ConsoleMonitor(err, "generate");
        monitor.beginTask("generate", wanted);
        int written = 0;
        int replaced = 0;
        List<String> failed = new ArrayList<>();
        for (DesignTargets.Target target : targets) {
            if (written == wanted) {
                break;
            }
            String structure;
            try {
                structure = generator.cell().ordered()
                        ? generator.generate(target.dopants(), target.mobileIonContent(), decorations, seed + target.rank()).toCif(target.formula())
                        : generator.average(target.dopants(), target.mobileIonContent()).toCif(target.formula());
            } catch (DesignException e) {
                // a drawn combination may be impossible on the framework (more Na than sites): skip it, say why
                failed.add(target.id() + "," + target.formula() + ",\"" + e.getMessage().replace("\"", "\"\"") + "\"");
                continue;
            }
            Path cif = output.resolve(target.fileName());
            replaced += Files.exists(cif) ? 1 : 0;
            Files.writeString(cif, structure, StandardCharsets.UTF_8);
            written++;
            monitor.worked(1);
        }
        // how these structures were made, for the models trained on them and the screening that predicts with those
        StructureRecipe.designSpace(DesignSpaceResources.hostStructurePath(designSpace), designSpace.getHostFormula(),
                designSpace.getSite().getLabel(), supercell, decorations, seed).write(output);
        out.printf("wrote %d structures to %s%s (K = %d decorations each, seed %d, supercell %s)%n", written, output,
                replaced > 0 ? " (" + replaced + " replaced)" : "", decorations, seed, supercell);
        if (!failed.isEmpty()) {
            Path report = output.resolve("failed.csv");
            Files.write(report, concat("id,formula,reason", failed), StandardCharsets.UTF_8);
            out.printf("%d candidates could not be generated (see %s), e.g. %s%n", failed.size(), report, failed.get(0));
        }
        if (written < wanted) {
            out.printf("only %d of the %d structures asked for could be generated%n", written, wanted);
        }
        return CommandLineRunner.OK;
    }

    private static List<String> concat(String header, List<String> rows) {
        List<String> lines = new ArrayList<>(rows.size() + 1);
        lines.add(header);
        lines.addAll(rows);
        return lines;
    }
}
