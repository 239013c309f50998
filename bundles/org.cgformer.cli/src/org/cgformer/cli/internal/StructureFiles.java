package org.cgformer.cli.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

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

    static Optional<StructureReader> reader(Collection<StructureReader> readers, Path file) {
        return StructureReader.forFile(readers, file.getFileName().toString());
    }
}
