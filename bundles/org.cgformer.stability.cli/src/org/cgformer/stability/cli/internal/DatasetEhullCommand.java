package org.cgformer.stability.cli.internal;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.cgformer.cli.api.CommandLineRunner;
import org.cgformer.core.install.Installation;
import org.cgformer.design.structure.StructureGenerator;
import org.cgformer.design.api.StructureRecipe;
import org.cgformer.stability.api.CompositionTable;
import org.cgformer.stability.api.NasiconFramework;
import org.cgformer.stability.ehull.EhullDatasetWriter;
import org.cgformer.stability.ehull.NasiconStructures;
import org.cgformer.stability.ehull.NasiconStructures.LatticeMode;
import org.cgformer.structure.api.Structure;
import org.cgformer.structure.api.StructureReader;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cgformer dataset ehull CSV -o DIR}: NASICON structures for a table of compositions with Ehull labels. */
@Command(name = "ehull", mixinStandardHelpOptions = true, sortOptions = false, description = {
    "Generate the NASICON structure of every composition of CSV (Ouyang et al. 2021 layout: CompName, NewEhullLst, composition features) "
            + "on the R-3c framework of HOST (M cations on its Zr site, Si/P/S on its Si site, x Na on its Na sites; the lowest-Ewald-energy "
            + "of K random decorations) and write a CGCNN-layout dataset:",
    "OUT/id_prop.csv (id,target), OUT/<id>.cif, OUT/features.csv (composition features of the same ids), OUT/structures.csv, "
            + "OUT/refused.csv (id,composition,reason) and OUT/dataset.json.",
    "Rows already in id_prop.csv or refused.csv are skipped, so a stopped run can be resumed."})
public class DatasetEhullCommand implements Callable<Integer> {

    static final Path DEFAULT_HOST = Path.of("nasicon", "Na4Zr2Si3O12_R-3c.cif");

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CSV", description = "Composition table, e.g. ../shared/data/nasicon/ehull_ouyang2021/train.csv.")
    Path csv;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT_DIR", description = "Dataset folder to create or extend.")
    Path output;

    @Option(names = "--lattice", defaultValue = "scaled", paramLabel = "scaled|kept", description = "Host lattice scaled isotropically "
            + "by the mean framework bond length from Shannon radii, or kept (default: ${DEFAULT-VALUE}).")
    String lattice;

    @Option(names = "--cell", defaultValue = "primitive", paramLabel = "primitive|conventional|occupancy",
            description = "Supercells of the host's primitive cell in their most compact shape (the smallest faithful cell, a third of "
                    + "the sites), of its conventional cell stacked along its axes (the recipe of the models shipped before 2026-12), "
                    + "or the primitive cell itself with mixed sites, the mean of all decorations (occupancy: 42 sites, the same cell "
                    + "for every seed) (default: ${DEFAULT-VALUE}).")
    String cell;

    @Option(names = "--host", paramLabel = "CIF", description = "NASICON host with Zr and Si sites (default: <shared data>/nasicon/Na4Zr2Si3O12_R-3c.cif).")
    Path host;

    @Option(names = "--decorations", defaultValue = "10", paramLabel = "K", description = "Random decorations per structure; the lowest "
            + "Ewald energy wins (default: ${DEFAULT-VALUE}).")
    int decorations;

    @Option(names = "--seed", defaultValue = "1", description = "Seed; row r uses seed + its line number (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--limit", paramLabel = "N", description = "Only the first N data rows (a small dataset for a quick look).")
    Integer limit;

    @Option(names = "--every", paramLabel = "K", defaultValue = "1", description = "Only every K-th data row (rows 1, 1+K, 1+2K, ...: a "
            + "subset spread over the whole table, with the same ids and structures as in the full dataset; default ${DEFAULT-VALUE}).")
    int every;

    @Option(names = "--composition-column", defaultValue = CompositionTable.DEFAULT_COMPOSITION_COLUMN,
            description = "Column with the formula (default: ${DEFAULT-VALUE}).")
    String compositionColumn;

    @Option(names = "--target-column", defaultValue = CompositionTable.DEFAULT_TARGET_COLUMN,
            description = "Column with the label (default: ${DEFAULT-VALUE}, Ehull in meV/atom).")
    String targetColumn;

    private final List<StructureReader> readers;

    DatasetEhullCommand(List<StructureReader> readers) {
        this.readers = readers;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        LatticeMode mode = LatticeMode.parse(lattice);
        Path hostFile = host != null ? host : Installation.requireSharedData(DEFAULT_HOST, "give --host CIF");
        Structure hostStructure = StructureReader.readFile(readers, hostFile).structure();
        StructureRecipe recipe = NasiconFramework.recipe(hostFile, mode.name(), cell, decorations, seed);
        NasiconStructures structures = new NasiconStructures(hostStructure, hostFile.toString(), mode, decorations, StructureGenerator.Cell.of(recipe.supercell()));
        CompositionTable table = CompositionTable.read(csv, compositionColumn, targetColumn, "ehull");
        for (String problem : table.problems()) {
            err.println("skipped " + problem);
        }
        if (every < 1) {
            throw new IllegalArgumentException("--every must be at least 1, got " + every);
        }
        if (every > 1) {
            List<CompositionTable.Row> rows = new java.util.ArrayList<>();
            for (int i = 0; i < table.rows().size(); i += every) {
                rows.add(table.rows().get(i));
            }
            table = new CompositionTable(table.file(), table.featureNames(), rows, table.problems());
        }
        if (limit != null && limit < table.rows().size()) {
            table = new CompositionTable(table.file(), table.featureNames(), table.rows().subList(0, limit), table.problems());
        }
        long t0 = System.nanoTime();
        EhullDatasetWriter.Counts counts = new EhullDatasetWriter(structures, seed).write(table, output, (row, finished, total, refusal) -> {
            if (refusal != null) {
                err.println("refused " + row.id() + " " + row.composition() + ": " + refusal);
            }
            if (finished % 100 == 0 || finished == total) {
                double elapsed = (System.nanoTime() - t0) / 1e9;
                err.printf(Locale.ROOT, "[%d/%d] %s  %.1f structures/s  ETA %.0f s%n", finished, total, row.id(), finished / elapsed,
                        elapsed / finished * (total - finished));
                err.flush();
            }
        });
        writeMetadata(hostFile, mode, table, recipe);
        int labelled = EhullDatasetWriter.ids(output.resolve(EhullDatasetWriter.LABELS)).size();
        int refused = EhullDatasetWriter.ids(output.resolve(EhullDatasetWriter.REFUSED)).size();
        spec.commandLine().getOut().printf(Locale.ROOT, "%d rows: %d already done, %d written, %d refused in this run; the dataset has %d "
                + "structures, %d refused (see %s); %.1f s%n", table.rows().size(), counts.skipped(), counts.written(), counts.refused(),
                labelled, refused, output.resolve(EhullDatasetWriter.REFUSED), (System.nanoTime() - t0) / 1e9);
        return counts.refused() + table.problems().size() == 0 ? CommandLineRunner.OK : CommandLineRunner.FAILED;
    }

    private void writeMetadata(Path hostFile, LatticeMode mode, CompositionTable table, StructureRecipe recipe) throws java.io.IOException {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("label", targetColumn);
        metadata.put("source", csv.toAbsolutePath().normalize().toString());
        metadata.put("host", hostFile.toAbsolutePath().normalize().toString());
        metadata.put("lattice", mode.name().toLowerCase(Locale.ROOT));
        metadata.put("supercell", recipe.supercell());
        metadata.put("decorations", decorations);
        metadata.put("seed", seed);
        metadata.put("every", every);
        metadata.put("rows", table.rows().size());
        metadata.put("features", table.featureNames());
        metadata.put("labelled", EhullDatasetWriter.ids(output.resolve(EhullDatasetWriter.LABELS)).size());
        metadata.put("refused", EhullDatasetWriter.ids(output.resolve(EhullDatasetWriter.REFUSED)).size());
        Files.createDirectories(output);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(output.resolve("dataset.json").toFile(), metadata);
        // how the structures were made, copied into the model.json of the models trained on them (read by screening)
        recipe.write(output);
    }
}
