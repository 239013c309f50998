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
 * installing a bundle that registers one. Readers are lenient by default: they repair known
 * deviations, record each repair (and each suspicious value, such as overlapping sites) as a warning
 * and fail only when no structure can be read. Asked to be {@link Strictness#STRICT strict}, they
 * refuse a file whose reading recorded any warning.
 */
public interface StructureReader {

    /** How a reader treats input it can repair, reinterpret or only doubt. */
    enum Strictness {
        /** Repair known deviations and record each repair, reinterpretation or doubt as a warning (the default). */
        LENIENT,
        /**
         * Refuse the file when reading it recorded any warning: every warning becomes an error, and the first
         * is the refusal's message ({@code file:line: message}).
         */
        STRICT
    }

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

    /**
     * Reads the structures in {@code content} as {@link #read(String, String)} does, refusing the file in
     * {@link Strictness#STRICT} mode when reading it recorded any warning.
     *
     * @throws StructureFormatException when no structure could be read, or (strict) at the first warning
     */
    default ReadResult read(String fileName, String content, Strictness strictness) throws StructureFormatException {
        return enforce(read(fileName, content), strictness);
    }

    /** Reads a file (UTF-8, with malformed bytes replaced rather than refused). */
    default ReadResult read(Path file) throws IOException, StructureFormatException {
        byte[] bytes = Files.readAllBytes(file);
        return read(file.toString(), new String(bytes, StandardCharsets.UTF_8));
    }

    /** Reads a file as {@link #read(Path)} does, with the given strictness. */
    default ReadResult read(Path file, Strictness strictness) throws IOException, StructureFormatException {
        return enforce(read(file), strictness);
    }

    /**
     * {@code result} itself, or (strict) a refusal at its first warning, all warnings promoted to errors;
     * one rule for every reader, so a reader bundle need not implement strictness itself.
     */
    private static ReadResult enforce(ReadResult result, Strictness strictness) throws StructureFormatException {
        if (strictness != Strictness.STRICT) {
            return result;
        }
        List<ParseIssue> promoted = result.issues().stream()
                .map(i -> i.severity() == ParseIssue.Severity.WARNING ? ParseIssue.error(i.file(), i.line(), i.message()) : i)
                .toList();
        for (int i = 0; i < promoted.size(); i++) {
            if (result.issues().get(i).severity() == ParseIssue.Severity.WARNING) {
                throw new StructureFormatException(promoted.get(i), promoted);
            }
        }
        return result;
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
        return readFile(readers, file, Strictness.LENIENT);
    }

    /** Like {@link #readFile(Collection, Path)}, with the given strictness. */
    static ReadResult readFile(Collection<StructureReader> readers, Path file, Strictness strictness)
            throws IOException, StructureFormatException {
        StructureReader reader = readerOf(readers, file.getFileName().toString(), file.toString());
        if (!Files.isRegularFile(file)) {
            throw new StructureFormatException(file.toString(), 0, "no such file", List.of());
        }
        return enforce(withStructure(reader.read(file), file.toString()), strictness);
    }

    /**
     * Reads the text of a structure file named {@code fileName} as {@link #readFile(Collection, Path)} reads a file of that
     * name and content: a name no reader accepts and a text without any structure are {@link StructureFormatException}s
     * naming {@code fileName}. For structures made in memory (screening's candidates) that must read as their files do.
     *
     * @since 1.3
     */
    static ReadResult readText(Collection<StructureReader> readers, String fileName, String content) throws StructureFormatException {
        return withStructure(readerOf(readers, fileName, fileName).read(fileName, content), fileName);
    }

    /** The reader of {@code name}, or a refusal of {@code file} naming the installed formats. */
    private static StructureReader readerOf(Collection<StructureReader> readers, String name, String file) throws StructureFormatException {
        return forFile(readers, name).orElseThrow(() -> new StructureFormatException(file, 0, "no reader for this kind of file (installed: "
                + String.join(", ", readers.stream().map(StructureReader::formatName).sorted().toList()) + ")", List.of()));
    }

    /** {@code result}, or a refusal of {@code file} when it holds no structure. */
    private static ReadResult withStructure(ReadResult result, String file) throws StructureFormatException {
        if (result.structures().isEmpty()) {
            throw new StructureFormatException(file, 0, "no structure in the file", result.issues());
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
