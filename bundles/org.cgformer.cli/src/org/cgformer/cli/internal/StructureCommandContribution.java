package org.cgformer.cli.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.cgformer.cli.api.PropertyNamedContribution;
import org.cgformer.structure.api.StructureReader;

/**
 * Base of the contributions whose commands read structure files: DS binds the installed readers
 * here, and each run gets a snapshot of them. When one class serves several commands (one DS
 * component per command), the component property {@code command} names the command
 * ({@link PropertyNamedContribution}).
 */
abstract class StructureCommandContribution extends PropertyNamedContribution {

    /** Group description of {@code cgformer bench}, whichever benchmark bundle contributes first. */
    static final String BENCH_GROUP = "Time the toolchain in-process, after a warm-up, and print median times.";

    private final List<StructureReader> readers = new CopyOnWriteArrayList<>();

    public void addReader(StructureReader reader) {
        readers.add(reader);
    }

    public void removeReader(StructureReader reader) {
        readers.remove(reader);
    }

    /** The readers installed now, for one command run. */
    protected List<StructureReader> readers() {
        return List.copyOf(readers);
    }

    @Override
    public String groupDescription() {
        String name = name();
        return name != null && name.startsWith("bench ") ? BENCH_GROUP : null;
    }
}
