package org.cgformer.cli.internal;

import org.cgformer.cli.api.CommandContribution;
import org.cgformer.structure.api.StructureReader;

/** Contributes {@code cgformer inspect}, with whatever structure readers are installed. */
public class InspectCommandContribution implements CommandContribution {

    private final StructureReaders readers = new StructureReaders();

    public void addReader(StructureReader reader) {
        readers.add(reader);
    }

    public void removeReader(StructureReader reader) {
        readers.remove(reader);
    }

    @Override
    public String name() {
        return "inspect";
    }

    @Override
    public Object newCommand() {
        return new InspectCommand(readers.snapshot());
    }
}
