package org.cgformer.stability.ehull;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.cgformer.stability.api.CompositionTable;
import org.cgformer.stability.api.NasiconComposition;
import org.cgformer.stability.api.NasiconException;

/**
 * Writes a CGCNN-layout dataset for a composition table: {@code id_prop.csv} (id,target),
 * {@code <id>.cif}, {@code features.csv} (id,composition,target,features… of the labelled rows, for
 * the composition baseline on the same ids), {@code structures.csv} (id, composition, Na, sites,
 * lattice scale, sites per structure) and {@code refused.csv} (id,composition,reason). Every line is
 * appended as soon as its row is done; rows already in {@code id_prop.csv} or {@code refused.csv}
 * are skipped, so a stopped run continues where it stopped.
 */
public final class EhullDatasetWriter {

    public static final String LABELS = "id_prop.csv";
    public static final String FEATURES = "features.csv";
    public static final String STRUCTURES = "structures.csv";
    public static final String REFUSED = "refused.csv";

    /** Progress after each row. */
    public interface Listener {
        void row(CompositionTable.Row row, int finished, int total, String refusal);
    }

    /** What a run did. */
    public record Counts(int skipped, int written, int refused) {
    }

    private final NasiconStructures structures;
    private final long seed;

    public EhullDatasetWriter(NasiconStructures structures, long seed) {
        this.structures = structures;
        this.seed = seed;
    }

    public Counts write(CompositionTable table, Path output, Listener listener) throws IOException {
        Files.createDirectories(output);
        Set<String> done = new HashSet<>(ids(output.resolve(LABELS)));
        done.addAll(ids(output.resolve(REFUSED)));
        List<CompositionTable.Row> todo = table.rows().stream().filter(r -> !done.contains(r.id())).toList();
        int written = 0;
        int refused = 0;
        boolean newFeatures = !Files.exists(output.resolve(FEATURES));
        boolean newStructures = !Files.exists(output.resolve(STRUCTURES));
        try (Writer labels = append(output.resolve(LABELS)); Writer features = append(output.resolve(FEATURES));
                Writer info = append(output.resolve(STRUCTURES)); Writer refusals = append(output.resolve(REFUSED))) {
            if (newFeatures) {
                line(features, "id,composition,target," + String.join(",", table.featureNames()));
            }
            if (newStructures) {
                line(info, "id,composition,na_per_formula_unit,m_site,x_site,lattice_scale,sites,ewald_energy_ev");
            }
            int finished = 0;
            for (CompositionTable.Row row : todo) {
                String refusal = null;
                try {
                    NasiconComposition composition = NasiconComposition.parse(row.composition());
                    // the seed depends on the row, not on which rows this run does: a resumed run makes the same CIFs
                    NasiconStructures.Made structure = structures.make(composition, seed + row.line(), row.id() + " " + row.composition());
                    writeCif(output, row.id(), structure.cif());
                    line(features, row.id() + "," + quote(row.composition()) + "," + number(row.target()) + "," + join(row.features()));
                    double scale = structures.latticeMode() == NasiconStructures.LatticeMode.SCALED ? composition.latticeScale() : 1;
                    line(info, String.format(Locale.ROOT, "%s,%s,%.4f,%s,%s,%.5f,%d,%.4f", row.id(), quote(row.composition()),
                            composition.sodium(), quote(sites(composition.mSite())), quote(sites(composition.xSite())), scale,
                            structure.sites(), structure.ewaldEnergy()));
                    line(labels, row.id() + "," + number(row.target()));
                    written++;
                } catch (NasiconException | RuntimeException e) {
                    refusal = e.getMessage() == null ? e.toString() : e.getMessage();
                    line(refusals, row.id() + "," + quote(row.composition()) + "," + quote(table.file().getFileName() + ":" + row.line()
                            + ": " + refusal));
                    refused++;
                }
                listener.row(row, ++finished, todo.size(), refusal);
            }
        }
        return new Counts(table.rows().size() - todo.size(), written, refused);
    }

    /** Written to a temporary file and moved, so an interrupted run never leaves half a CIF under the id's name. */
    private static void writeCif(Path output, String id, String cif) throws IOException {
        Path temporary = output.resolve(id + ".cif.part");
        Files.writeString(temporary, cif, StandardCharsets.UTF_8);
        Files.move(temporary, output.resolve(id + ".cif"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** {@code Mg:0.5;Zr:0.5} */
    static String sites(List<NasiconComposition.Share> shares) {
        StringBuilder text = new StringBuilder();
        for (NasiconComposition.Share s : shares) {
            text.append(text.length() == 0 ? "" : ";").append(s.element()).append(':').append(String.format(Locale.ROOT, "%.4g", s.fraction()));
        }
        return text.toString();
    }

    /** The ids in the first column of a CSV (a header line, if any, is not an id of the table). */
    public static List<String> ids(Path csv) throws IOException {
        if (!Files.exists(csv)) {
            return List.of();
        }
        return Files.readAllLines(csv, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank())
                .map(l -> l.substring(0, l.indexOf(',') < 0 ? l.length() : l.indexOf(','))).toList();
    }

    /**
     * The feature rows of a dataset folder's {@code features.csv} by id (the last line of an id wins,
     * in case a run was stopped between two files).
     */
    public static Map<String, double[]> readFeatures(Path folder) throws IOException {
        Path file = folder.resolve(FEATURES);
        if (!Files.exists(file)) {
            throw new IOException(folder + " has no " + FEATURES + " (write the dataset with 'cgformer dataset ehull')");
        }
        Map<String, double[]> features = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int n = 1; n < lines.size(); n++) {
            if (lines.get(n).isBlank()) {
                continue;
            }
            // id,"composition",target,f1,...: the composition never holds a comma, the quotes are for safety
            String[] cells = lines.get(n).split(",", -1);
            double[] values = new double[cells.length - 3];
            try {
                for (int c = 3; c < cells.length; c++) {
                    values[c - 3] = Double.parseDouble(cells[c]);
                }
            } catch (NumberFormatException e) {
                throw new IOException(file + " line " + (n + 1) + ": " + e.getMessage());
            }
            features.put(cells[0], values);
        }
        return features;
    }

    private static String number(double value) {
        return Double.toString(value);
    }

    private static String join(double[] values) {
        StringBuilder text = new StringBuilder();
        for (double v : values) {
            text.append(text.length() == 0 ? "" : ",").append(v);
        }
        return text.toString();
    }

    private static String quote(String text) {
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    private static Writer append(Path file) throws IOException {
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static void line(Writer writer, String line) throws IOException {
        writer.write(line + "\n");
        writer.flush();
    }
}
