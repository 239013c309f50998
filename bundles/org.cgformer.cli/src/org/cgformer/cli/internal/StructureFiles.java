package org.cgformer.cli.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.cgformer.structure.api.ReadResult;
import org.cgformer.structure.api.StructureFormatException;
import org.cgformer.structure.api.StructureReader;

/** Finds the structure files named on a command line: files as given, folders searched recursively. */
final class StructureFiles {

    private StructureFiles() {
    }

    /** Files of {@code paths} in the order given; each folder expanded to its readable files, sorted. */
    static List<Path> expand(List<Path> paths, Collection<StructureReader> readers) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(Files::isRegularFile).filter(f -> reader(readers, f).isPresent()).sorted()
                            .forEach(files::add);
                }
            } else {
                files.add(path);
            }
        }
        return files;
    }

    /**
     * Reads a file with the reader that accepts its name. A missing file, a file no reader accepts
     * and a file without any structure are all reported as {@link StructureFormatException}s
     * naming the file, so batch commands can log them and go on.
     */
    static ReadResult read(Collection<StructureReader> readers, Path file) throws IOException, StructureFormatException {
        StructureReader reader = reader(readers, file).orElseThrow(() -> new StructureFormatException(file.toString(), 0,
                "no reader for this kind of file (installed: " + String.join(", ",
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

    static Optional<StructureReader> reader(Collection<StructureReader> readers, Path file) {
        return StructureReader.forFile(readers, file.getFileName().toString());
    }
}
