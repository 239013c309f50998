package org.cgformer.design.cli.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.cgformer.cli.api.CommandContribution;
import org.cgformer.design.api.DesignWorkflow;
import org.cgformer.structure.api.StructureReader;

/**
 * Base of the design contributions: DS binds the workflow and the installed structure readers
 * (the generator reads the host structure with them); each run gets a snapshot of the readers.
 */
abstract class DesignContribution implements CommandContribution {

    private volatile DesignWorkflow workflow;
    private final List<StructureReader> readers = new CopyOnWriteArrayList<>();

    public void setWorkflow(DesignWorkflow workflow) {
        this.workflow = workflow;
    }

    public void addReader(StructureReader reader) {
        readers.add(reader);
    }

    public void removeReader(StructureReader reader) {
        readers.remove(reader);
    }

    protected DesignWorkflow workflow() {
        return workflow;
    }

    protected List<StructureReader> readers() {
        return List.copyOf(readers);
    }
}
