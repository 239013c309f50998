package org.cgformer.cli.internal;

import org.cgformer.cli.api.CommandContribution;
import org.cgformer.structure.api.StructureReader;

import picocli.CommandLine;

/** Contributes {@code cgformer bench} with its {@code structures} benchmark. */
public class BenchCommandContribution implements CommandContribution {

    private final StructureReaders readers = new StructureReaders();

    public void addReader(StructureReader reader) {
        readers.add(reader);
    }

    public void removeReader(StructureReader reader) {
        readers.remove(reader);
    }

    @Override
    public String name() {
        return "bench";
    }

    /** A CommandLine rather than a bare command: picocli accepts either, and the sub-command needs the readers. */
    @Override
    public Object newCommand() {
        return new CommandLine(new BenchCommand()).addSubcommand("structures", new BenchStructuresCommand(readers.snapshot()));
    }
}
