package org.cgformer.ui.training.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.cgformer.structure.api.StructureReader;

/**
 * Assembles a dataset in CGCNN's layout (the one {@code org.cgformer.ml.api.Dataset} reads): copies the
 * structure files of a folder that an installed reader accepts into a new folder as {@code id.ext}, and
 * writes {@code id_prop.csv} with the target of each from a CSV of {@code name,target} lines (name with or
 * without extension; a header line is skipped). Files without a target and targets without a file are
 * reported, not fatal.
 */
public final class DatasetAssembler {

    /**
     * What was done.
     *
     * @param written ids written to id_prop.csv
     * @param withoutTarget structure files the targets CSV does not name
     * @param notStructures files no installed reader accepts
     * @param problems targets-CSV lines that could not be read, as {@code file:line: why}
     */
    public record Result(List<String> written, List<String> withoutTarget, List<String> notStructures, List<String> problems) {
    }

    private DatasetAssembler() {
    }

    /**
     * @throws IOException when a folder cannot be read or written, or no structure file has a target (nothing written)
     */
    public static Result assemble(Path structures, Path targetsCsv, Path output, Collection<StructureReader> readers)
            throws IOException {
        List<String> problems = new ArrayList<>();
        Map<String, String> targets = readTargets(targetsCsv, problems);
        List<String> written = new ArrayList<>();
        List<String> withoutTarget = new ArrayList<>();
        List<String> notStructures = new ArrayList<>();
        StringBuilder idProp = new StringBuilder();
        Files.createDirectories(output);
        try (Stream<Path> files = Files.list(structures)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = file.getFileName().toString();
                if (StructureReader.forFile(readers, name).isEmpty()) {
                    if (!file.equals(targetsCsv.toAbsolutePath()) && !name.equals("id_prop.csv")) {
                        notStructures.add(name);
                    }
                    continue;
                }
                String id = stem(name);
                String target = targets.containsKey(name) ? targets.get(name) : targets.get(id);
                if (target == null) {
                    withoutTarget.add(name);
                    continue;
                }
                String extension = StructureReader.extension(name);
                Files.copy(file, output.resolve(extension.isEmpty() ? id : id + "." + extension),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                idProp.append(id).append(',').append(target).append('\n');
                written.add(id);
            }
        }
        if (written.isEmpty()) {
            throw new IOException("no structure file of " + structures + " has a target in " + targetsCsv
                    + (withoutTarget.isEmpty() ? "" : " (without target: " + withoutTarget + ")"));
        }
        Files.writeString(output.resolve("id_prop.csv"), idProp.toString(), StandardCharsets.UTF_8);
        return new Result(written, withoutTarget, notStructures, problems);
    }

    private static Map<String, String> readTargets(Path csv, List<String> problems) throws IOException {
        Map<String, String> targets = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split(",");
            if (fields.length < 2) {
                problems.add(csv.getFileName() + ":" + (i + 1) + ": expected name,target, got '" + line + "'");
                continue;
            }
            String value = fields[1].strip();
            try {
                Double.parseDouble(value);
            } catch (NumberFormatException e) {
                if (i > 0 || targets.size() > 0) {
                    problems.add(csv.getFileName() + ":" + (i + 1) + ": target '" + value + "' is not a number");
                }
                continue; // the first line may be a header
            }
            targets.put(fields[0].strip(), value);
        }
        return targets;
    }

    private static String stem(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot > 0 && !lower.startsWith("poscar") && !lower.startsWith("contcar") ? name.substring(0, dot) : name;
    }
}
