package org.cgformer.ml.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.cgformer.graph.api.CrystalGraph;
import org.cgformer.graph.api.FeaturizationException;
import org.cgformer.graph.api.Featurizer;
import org.cgformer.graph.api.GraphOptions;
import org.cgformer.structure.api.Structure;
import org.cgformer.structure.api.StructureFormatException;
import org.cgformer.structure.api.StructureReader;

/**
 * A dataset in CGCNN's layout: a folder with {@code id_prop.csv} (lines {@code id,target}) and one
 * structure file per id ({@code id.cif}, or another extension a reader knows).
 */
public final class Dataset {

    /** One line of {@code id_prop.csv} with the structure file it names. */
    public record Entry(String id, Path file, double target) {
    }

    private final Path folder;
    private final List<Entry> entries;

    private Dataset(Path folder, List<Entry> entries) {
        this.folder = folder;
        this.entries = List.copyOf(entries);
    }

    /**
     * Reads {@code folder/id_prop.csv}.
     *
     * @throws IOException when the file is missing, a line is malformed (line number given) or a structure file is missing
     */
    public static Dataset read(Path folder) throws IOException {
        return read(folder, false);
    }

    /**
     * Reads {@code folder/id_prop.csv}; with {@code allowMissingFiles} an entry whose structure file is missing is kept
     * (its file, {@code id.cif}, does not exist) so that a batch can report it and go on.
     *
     * @throws IOException when the file is missing, a line is malformed (line number given), or a structure file is
     *         missing and not allowed to be
     * @since 1.1
     */
    public static Dataset read(Path folder, boolean allowMissingFiles) throws IOException {
        Path csv = folder.resolve("id_prop.csv");
        if (!Files.isRegularFile(csv)) {
            throw new IOException(folder + " is not a dataset: it has no id_prop.csv (lines id,target)");
        }
        List<Entry> entries = new ArrayList<>();
        List<String> lines = Files.readAllLines(csv);
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = line.split(",");
            double target;
            try {
                target = cells.length >= 2 ? Double.parseDouble(cells[1].strip()) : Double.NaN;
            } catch (NumberFormatException e) {
                target = Double.NaN;
            }
            if (!Double.isFinite(target)) {
                if (n == 0 && entries.isEmpty() && cells.length >= 2) {
                    continue; // a header line
                }
                throw new IOException(csv + " line " + (n + 1) + ": expected id,number, found '" + line + "'");
            }
            String id = cells[0].strip();
            entries.add(new Entry(id, structureFile(folder, id, csv, n + 1, allowMissingFiles), target));
        }
        if (entries.isEmpty()) {
            throw new IOException(csv + " lists no structures");
        }
        return new Dataset(folder, entries);
    }

    private static Path structureFile(Path folder, String id, Path csv, int line, boolean allowMissing) throws IOException {
        for (String ext : new String[] {".cif", ".vasp", ".poscar", ""}) {
            Path file = folder.resolve(id + ext);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        if (allowMissing) {
            return folder.resolve(id + ".cif");
        }
        throw new IOException(csv + " line " + line + ": no structure file " + id + ".cif in " + folder);
    }

    public Path folder() {
        return folder;
    }

    /**
     * File of a dataset folder that names reference structures, one id per line: structures every cross-validation fold
     * trains on and none tests, such as the undoped parent that screening reports every barrier against (a model that
     * never saw it would extrapolate to it). {@code cgformer design label} writes it.
     *
     * @since 1.3
     */
    public static final String REFERENCES = "references.txt";

    /** The ids named in {@value #REFERENCES} that this dataset holds, in file order; none when there is no such file. @since 1.3 */
    public List<String> references() throws IOException {
        Path file = folder.resolve(REFERENCES);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        java.util.Set<String> ids = new java.util.HashSet<>(ids());
        return Files.readAllLines(file).stream().map(String::strip).filter(id -> !id.isEmpty() && ids.contains(id)).toList();
    }

    public List<Entry> entries() {
        return entries;
    }

    public int size() {
        return entries.size();
    }

    public List<String> ids() {
        return entries.stream().map(Entry::id).toList();
    }

    /** A dataset of the entries at {@code indices}. */
    public Dataset subset(List<Integer> indices) {
        List<Entry> subset = new ArrayList<>();
        for (int i : indices) {
            subset.add(entries.get(i));
        }
        return new Dataset(folder, subset);
    }

    /**
     * Reads and featurizes every entry.
     *
     * @throws IOException naming the file that could not be read or featurized
     */
    public List<Sample> samples(Featurizer featurizer, GraphOptions options, List<StructureReader> readers) throws IOException {
        List<Sample> samples = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            samples.add(new Sample(e.id(), featurize(e.file(), featurizer, options, readers), e.target()));
        }
        return samples;
    }

    /** Reads one structure file with the first reader that knows its extension and featurizes it. */
    public static CrystalGraph featurize(Path file, Featurizer featurizer, GraphOptions options, List<StructureReader> readers)
            throws IOException {
        StructureReader reader = readers.stream().filter(r -> r.canRead(file.toString())).findFirst()
                .orElseThrow(() -> new IOException("no reader for " + file.getFileName() + " (extension "
                        + StructureReader.extension(file.toString()) + ")"));
        try {
            Structure structure = reader.read(file).structure();
            return featurizer.featurize(structure, options);
        } catch (FeaturizationException | StructureFormatException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }
}
