package org.cgformer.design.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.cgformer.bvse.api.BvseCalculator;
import org.cgformer.bvse.api.BvseException;
import org.cgformer.bvse.api.BvseOptions;
import org.cgformer.bvse.api.BvseResult;
import org.cgformer.bvse.api.StructureIons;
import org.cgformer.cli.api.CommandLineRunner;
import org.cgformer.core.batch.BatchProcessor;
import org.cgformer.core.batch.BatchProgress;
import org.cgformer.core.batch.BatchResult;
import org.cgformer.core.batch.ItemRefusedException;
import org.cgformer.design.api.CandidateStructures;
import org.cgformer.design.api.DesignException;
import org.cgformer.design.api.DesignWorkflow;
import org.cgformer.design.api.StructureRecipe;
import org.cgformer.design.model.DesignSpace;
import org.cgformer.design.model.resource.DesignSpaceResources;
import org.cgformer.structure.api.StructureException;
import org.cgformer.structure.api.StructureFormatException;
import org.cgformer.structure.api.StructureReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cgformer design label FILE [--candidates …] -o DIR}: a training set of design-space candidates whose label is
 * the mean BVSE Ea3D of several ordered decorations, the oracle of {@code cgformer screen --validate}, and whose
 * structures are the model's input cell (by default the occupancy-weighted cell, the mean of all decorations). One
 * decoration's barrier differs from another's of the same composition by about as much as compositions differ
 * (docs/screening.md), so a label of one decoration is mostly noise to a model of compositions.
 */
@Command(name = "label", mixinStandardHelpOptions = true,
        description = {"Label design-space candidates with the oracle: each label is the mean BVSE Ea3D of N ordered",
                "decorations (the smallest primitive supercell, the lowest Ewald energy of K; decoration k of candidate c<rank>",
                "uses seed + rank + k x 1000003, as 'cgformer screen --validate'); each structure is the model's input cell",
                "(--cell). Writes a CGCNN dataset: <id>_<formula>.cif, id_prop.csv (the means), decorations.csv (each",
                "decoration's barrier), refused.csv, recipe.json (of the input cells) and dataset.json (the BVSE settings).",
                "A rerun into the same folder labels only what is not there yet."})
public class LabelCommand implements Callable<Integer> {

    static final String LABELS = "id_prop.csv";
    static final String DECORATIONS = "decorations.csv";
    static final String REFUSED = "refused.csv";
    static final String METADATA = "dataset.json";
    /** The ml dataset's references file ({@code org.cgformer.ml.api.Dataset.REFERENCES}). */
    static final String REFERENCES = "references.txt";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "1", paramLabel = "<designspace>", description = "The .designspace file.")
    Path file;

    @Option(names = "--candidates", defaultValue = "sampled", paramLabel = "all|sampled|random:N",
            description = {"all: every survivor of the funnel; sampled: the sample of 'design sample' (the article's fine-tuning",
                "stage); random:N: N combinations drawn at random (--seed) from every combination with the rules off (a",
                "pre-training set) (default: ${DEFAULT-VALUE})."})
    String which;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "<dir>", description = "Folder of the dataset.")
    Path output;

    @Option(names = "--label-decorations", defaultValue = "3", paramLabel = "N",
            description = "Ordered decorations per label, N; the label is their mean (default: ${DEFAULT-VALUE}).")
    int labelDecorations;

    @Option(names = "--cell", defaultValue = "occupancy", paramLabel = "occupancy|primitive|conventional",
            description = {"The structures written for the model: occupancy (the primitive cell with mixed sites, the mean of all",
                "decorations, one per composition), primitive or conventional (decoration 0 of the labelled ones for primitive)",
                "(default: ${DEFAULT-VALUE})."})
    String cell;

    @Option(names = "--decorations", defaultValue = "5", paramLabel = "K",
            description = "Random decorations per ordered structure, the lowest Ewald energy wins, K (default: ${DEFAULT-VALUE}).")
    int decorations;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--resolution", defaultValue = "0.3", paramLabel = "Å",
            description = "BVSE grid spacing, Angstrom (default: ${DEFAULT-VALUE}, the demo's fine-tuning labels and oracle).")
    double resolution;

    @Option(names = "--no-parent", description = {"Leave out the undoped parent (the host formula, e.g. Na3Zr2Si2PO12), which is",
        "otherwise labelled too (id parent_<formula>): screening reports every barrier relative to it, so a model must",
        "have seen it, or its Delta Eb is an extrapolation."})
    boolean noParent;

    @Option(names = "--threads", paramLabel = "N", description = "Candidates labelled at once (default: the cores).")
    Integer threads;

    @Option(names = "--results", paramLabel = "<file>", description = "Results file (default: FILE with extension .designresults).")
    Path resultsOption;

    private final DesignWorkflow workflow;
    private final List<StructureReader> readers;
    private final BvseCalculator bvse;

    LabelCommand(DesignWorkflow workflow, List<StructureReader> readers, BvseCalculator bvse) {
        this.workflow = workflow;
        this.readers = readers;
        this.bvse = bvse;
    }

    @Override
    public Integer call() throws Exception {
        if (bvse == null) {
            throw new DesignException("no BVSE calculator service is installed (bundle org.cgformer.bvse)");
        }
        if (labelDecorations < 1 || decorations < 1) {
            throw new DesignException("--label-decorations and --decorations must be at least 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DesignSpace designSpace = DesignFiles.loadValid(file, err);
        Path host = DesignSpaceResources.hostStructurePath(designSpace);
        StructureRecipe input;
        try {
            input = StructureRecipe.designSpace(host, designSpace.getHostFormula(), designSpace.getSite().getLabel(), cell, decorations, seed);
        } catch (IllegalArgumentException e) {
            throw new DesignException("--cell: " + e.getMessage());
        }
        StructureRecipe ordered = input.orderedDecorations();
        BvseOptions options = BvseOptions.builder().optResolution(resolution).optThreads(1).build();
        Files.createDirectories(output);
        checkRecipe(input);

        DesignTargets.Choice choice = DesignTargets.choose(which, file, resultsOption, designSpace, workflow, seed);
        Set<String> done = doneIds();
        List<DesignTargets.Target> todo = new ArrayList<>();
        int already = 0;
        int impossible = 0;
        CandidateStructures check = CandidateStructures.of(designSpace, readers, ordered);
        boolean drawn = which.startsWith("random:");
        for (DesignTargets.Target target : choice.targets()) {
            if (todo.size() + already == choice.wanted()) {
                break;
            }
            if (done.contains(target.datasetId())) {
                already++;
            } else if (drawn && !buildable(check, target)) {
                impossible++; // a drawn combination the framework cannot hold (more Na than sites): draw another, as 'generate'
            } else {
                todo.add(target);
            }
        }
        DesignTargets.Target parent = new DesignTargets.Target("parent", designSpace.getHostFormula(), List.of(),
                designSpace.getMobileIonContent(), 0);
        if (!noParent && !done.contains(parent.datasetId())) {
            todo.add(0, parent);
        }
        if (impossible > 0) {
            err.printf(Locale.ROOT, "label: %d drawn combinations cannot be built on the host (e.g. more Na than sites) and were replaced%n",
                    impossible);
        }
        ThreadLocal<CandidateStructures[]> builders = ThreadLocal.withInitial(() -> null);
        int cores = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        BatchProcessor batch = BatchProcessor.builder().setName("design-label").optThreads(Math.max(1, cores)).build();
        long start = System.nanoTime();
        BatchResult<DesignTargets.Target, Double> result;
        try (Writer labels = append(LABELS); Writer each = append(DECORATIONS); Writer refused = append(REFUSED)) {
            result = batch.run(todo, target -> labelOne(target, designSpace, input, ordered, options, builders, labels, each, refused),
                    progress -> report(err, progress));
        }
        input.write(output);
        writeMetadata(ordered, options);
        if (!noParent && ids(LABELS).contains(parent.datasetId())) {
            // the reference every barrier is reported against: trained on in every cross-validation fold, tested in none
            Files.writeString(output.resolve(REFERENCES), parent.datasetId() + "\n", StandardCharsets.UTF_8);
        }
        out.printf(Locale.ROOT, "labelled %d candidates (%d refused, %d already labelled) with the mean BVSE Ea3D of %d ordered decorations "
                + "at %s A in %.1f s; dataset in %s (input cells: %s)%n", result.processed().size(), result.refused().size(), already,
                labelDecorations, resolution, (System.nanoTime() - start) / 1e9, output, input.supercell());
        result.refused().stream().limit(5).forEach(r -> out.println("  refused " + r.item().datasetId() + ": " + r.reason()));
        return CommandLineRunner.OK;
    }

    /** Whether the candidate's ordered structure can be made (one decoration: the counts are what fails). */
    private static boolean buildable(CandidateStructures structures, DesignTargets.Target target) {
        try {
            structures.cif(target.dopants(), target.mobileIonContent(), 1, 0, target.formula());
            return true;
        } catch (DesignException e) {
            return false;
        }
    }

    /** A folder labelled before with another recipe would mix two kinds of input cell in one dataset: refused. */
    private void checkRecipe(StructureRecipe input) throws IOException, DesignException {
        StructureRecipe earlier = StructureRecipe.read(output);
        if (earlier != null && !earlier.equals(input) && Files.exists(output.resolve(LABELS))) {
            throw new DesignException(output + " holds labels of structures made with [" + earlier.describe() + "], not [" + input.describe()
                    + "]: label into another folder");
        }
    }

    /** The mean barrier of one candidate's decorations, its rows appended as soon as they are known. */
    private double labelOne(DesignTargets.Target target, DesignSpace designSpace, StructureRecipe input, StructureRecipe ordered,
            BvseOptions options, ThreadLocal<CandidateStructures[]> builders, Writer labels, Writer each, Writer refused) throws Exception {
        CandidateStructures[] made = builders.get();
        if (made == null) {
            // not thread-safe: one pair per worker
            made = new CandidateStructures[] {CandidateStructures.of(designSpace, readers, input), CandidateStructures.of(designSpace, readers,
                    ordered)};
            builders.set(made);
        }
        try {
            Double[] barriers = new Double[labelDecorations];
            String firstReason = null;
            String firstOrdered = null;
            for (int k = 0; k < labelDecorations; k++) {
                String cif = cif(made[1], target, StructureRecipe.decorationSeed(seed, target.rank(), k));
                firstOrdered = k == 0 ? cif : firstOrdered;
                try {
                    barriers[k] = barrier(cif, options);
                } catch (BvseException e) {
                    firstReason = firstReason == null ? "decoration " + k + ": " + e.getMessage() : firstReason;
                }
            }
            double[] values = java.util.Arrays.stream(barriers).filter(java.util.Objects::nonNull).mapToDouble(Double::doubleValue).toArray();
            if (values.length == 0) {
                throw new ItemRefusedException(target.formula() + ": " + firstReason);
            }
            double mean = java.util.Arrays.stream(values).average().orElseThrow();
            String structure = input.equals(ordered) ? firstOrdered : cif(made[0], target, StructureRecipe.decorationSeed(seed, target.rank(), 0));
            writeAtomically(output.resolve(target.fileName()), structure);
            synchronized (this) {
                StringBuilder rows = new StringBuilder();
                for (int k = 0; k < labelDecorations; k++) {
                    rows.append(String.format(Locale.ROOT, "%s,%d,%d,%s%n", target.datasetId(), k, StructureRecipe.decorationSeed(seed, target.rank(), k),
                            barriers[k] == null ? "" : String.format(Locale.ROOT, "%.4f", barriers[k])));
                }
                each.write(rows.toString());
                each.flush();
                labels.write(String.format(Locale.ROOT, "%s,%.4f%n", target.datasetId(), mean));
                labels.flush();
            }
            return mean;
        } catch (DesignException | StructureException | StructureFormatException | ItemRefusedException e) {
            // data problems (a candidate that cannot be built or labelled); a bug fails the run instead
            String reason = e.getMessage();
            synchronized (this) {
                refused.write(target.datasetId() + "," + csv(reason) + "\n");
                refused.flush();
            }
            throw e instanceof ItemRefusedException r ? r : new ItemRefusedException(target.formula() + ": " + reason, e);
        }
    }

    /** The CIF of a candidate, or of the undoped parent (the target without dopants), with this seed. */
    private String cif(CandidateStructures structures, DesignTargets.Target target, long structureSeed) throws DesignException {
        return target.dopants().isEmpty() ? structures.parentCif(decorations, structureSeed, target.formula())
                : structures.cif(target.dopants(), target.mobileIonContent(), decorations, structureSeed, target.formula());
    }

    /** Ea3D of one ordered CIF. */
    private double barrier(String cif, BvseOptions options) throws StructureFormatException, StructureException, BvseException {
        StructureReader reader = StructureReader.forFile(readers, "decoration.cif")
                .orElseThrow(() -> new IllegalStateException("no CIF reader service is installed"));
        StructureIons ions = StructureIons.of(reader.read("decoration.cif", cif, StructureReader.Strictness.LENIENT).structure());
        BvseResult result = bvse.compute(ions.lattice(), ions.sites(), options);
        if (result.ea3D() == null) {
            throw new BvseException("no 3-D path below " + options.maxBarrierEv() + " eV");
        }
        return result.ea3D();
    }

    private static void report(PrintWriter err, BatchProgress<?> progress) {
        if (progress.done() % 10 == 0 || progress.complete()) {
            err.printf(Locale.ROOT, "label: %d/%d (%d refused), elapsed %s, ETA %s%n", progress.done(), progress.total(), progress.refused(),
                    BatchProgress.clock(progress.elapsedSeconds()), BatchProgress.clock(progress.etaSeconds()));
            err.flush();
        }
    }

    /** The ids labelled or refused so far: a rerun does not do them again. */
    private Set<String> doneIds() throws IOException {
        Set<String> done = new HashSet<>(ids(LABELS));
        done.addAll(ids(REFUSED));
        return done;
    }

    /** The ids (first field) of the rows of one of the dataset's CSV files, in order; none when it does not exist yet. */
    private List<String> ids(String name) throws IOException {
        Path csv = output.resolve(name);
        if (!Files.exists(csv)) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        for (String line : Files.readAllLines(csv, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                ids.add(line.substring(0, line.indexOf(',') < 0 ? line.length() : line.indexOf(',')));
            }
        }
        return ids;
    }

    private void writeMetadata(StructureRecipe ordered, BvseOptions options) throws IOException {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("label", "BVSE Ea3D (eV), the mean over " + labelDecorations + " ordered decorations");
        metadata.putAll(options.labelSettings(bvse));
        metadata.put("labelDecorations", labelDecorations);
        metadata.put("decorationRecipe", ordered.describe());
        metadata.put("decorationSeeds", "seed + rank + k x " + StructureRecipe.DECORATION_SEED_STRIDE + ", k = 0.." + (labelDecorations - 1));
        metadata.put("source", file.toAbsolutePath().toString());
        metadata.put("labelled", ids(LABELS).size());
        metadata.put("refused", ids(REFUSED).size());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(output.resolve(METADATA).toFile(), metadata);
    }

    private Writer append(String name) throws IOException {
        return Files.newBufferedWriter(output.resolve(name), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static void writeAtomically(Path target, String text) throws IOException {
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String csv(String value) {
        return "\"" + String.valueOf(value).replace("\"", "\"\"") + "\"";
    }
}
