package org.cgformer.structure.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads one structure file format. Implementations are OSGi services; a lab adds a format by
 * installing a bundle that registers one. Readers are lenient: they repair known deviations,
 * record each repair as a warning and fail only when no structure can be read.
 */
public interface StructureReader {

    /** Short name of the format, e.g. {@code CIF}. */
    String formatName();

    /** Whether this reader reads {@code fileName} (decided from the name: extension or VASP's fixed names). */
    boolean canRead(String fileName);

    /**
     * Reads the structures in {@code content}; {@code fileName} is used in messages only.
     *
     * @throws StructureFormatException when no structure could be read; its message names file and line
     */
    ReadResult read(String fileName, String content) throws StructureFormatException;

    /** Reads a file (UTF-8, with malformed bytes replaced rather than refused). */
    default ReadResult read(Path file) throws IOException, StructureFormatException {
        byte[] bytes = Files.readAllBytes(file);
        return read(file.toString(), new String(bytes, StandardCharsets.UTF_8));
    }

    /** The first reader of {@code readers} that reads {@code fileName}. */
    static Optional<StructureReader> forFile(Collection<StructureReader> readers, String fileName) {
        return readers.stream().filter(r -> r.canRead(fileName)).findFirst();
    }

    /**
     * Reads a file with the first of {@code readers} that accepts its name. A file no reader
     * accepts, a missing file and a file without any structure are all reported as
     * {@link StructureFormatException}s naming the file, so batch work can log them and go on.
     */
    static ReadResult readFile(Collection<StructureReader> readers, Path file) throws IOException, StructureFormatException {
        StructureReader reader = forFile(readers, file.getFileName().toString()).orElseThrow(() -> new StructureFormatException(
                file.toString(), 0, "no reader for this kind of file (installed: " + String.join(", ",
                        readers.stream().map(StructureReader::formatName).sorted().toList()) + ")", List.of()));
        if (!Files.isRegularFile(file)) {
            throw new StructureFormatException(file.toString(), 0, "no such file", List.of());
        }
        ReadResult result = reader.read(file);
        if (result.structures().isEmpty()) {
            throw new StructureFormatException(file.toString(), 0, "no structure in the file", result.issues());
        }
        return result;
    }

    /** Lower-case extension of a file name without the dot, or "". */
    static String extension(String fileName) {
        String name = Path.of(fileName).getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** Extensions that identify the format, lower case, without dot. */
    List<String> extensions();
}
