package org.cgformer.structure.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes structures in one file format; implementations are OSGi services. */
public interface StructureWriter {

    /** Short name of the format, e.g. {@code POSCAR}. */
    String formatName();

    /** Whether this writer is the one for {@code fileName}. */
    boolean canWrite(String fileName);

    /** The file text for {@code structure}; {@code name} becomes the block name or comment line. */
    String write(Structure structure, String name);

    default void write(Structure structure, String name, Path file) throws IOException {
        Files.writeString(file, write(structure, name), StandardCharsets.UTF_8);
    }
}
