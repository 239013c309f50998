package org.cgformer.cli.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.cgformer.structure.api.StructureReader;

/** The structure readers registered as services now; bound by DS, read by the commands. */
final class StructureReaders {

    private final List<StructureReader> readers = new CopyOnWriteArrayList<>();

    void add(StructureReader reader) {
        readers.add(reader);
    }

    void remove(StructureReader reader) {
        readers.remove(reader);
    }

    /** A snapshot for one command run. */
    List<StructureReader> snapshot() {
        return List.copyOf(readers);
    }
}
