package org.cgformer.design.internal.cli;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.cgformer.cli.api.CommandContribution;
import org.cgformer.design.api.DesignWorkflow;
import org.cgformer.structure.api.StructureReader;

/** Contributes {@code cgformer bench design}. */
public class BenchCommandContribution implements CommandContribution {

    private volatile DesignWorkflow workflow;
    private final List<StructureReader> readers = new CopyOnWriteArrayList<>();

    public void addReader(StructureReader reader) {
        readers.add(reader);
    }

    public void removeReader(StructureReader reader) {
        readers.remove(reader);
    }

    public void setWorkflow(DesignWorkflow workflow) {
        this.workflow = workflow;
    }

    @Override
    public String name() {
        return "bench design";
    }

    @Override
    public Object newCommand() {
        return new BenchDesignCommand(workflow, List.copyOf(readers));
    }
}
