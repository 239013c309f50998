package org.cgformer.design.cli.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.cgformer.cli.api.CommandContribution;
import org.cgformer.bvse.api.BvseCalculator;
import org.cgformer.design.api.DesignWorkflow;
import org.cgformer.structure.api.StructureReader;

/**
 * Base of the design contributions: DS binds the workflow and the installed structure readers
 * (the generator reads the host structure with them); each run gets a snapshot of the readers.
 */
abstract class DesignContribution implements CommandContribution {

    private volatile DesignWorkflow workflow;
    private volatile BvseCalculator bvse;
    private final List<StructureReader> readers = new CopyOnWriteArrayList<>();

    public void setWorkflow(DesignWorkflow workflow) {
        this.workflow = workflow;
    }

    public void setBvse(BvseCalculator calculator) {
        this.bvse = calculator;
    }

    public void unsetBvse(BvseCalculator calculator) {
        if (bvse == calculator) {
            bvse = null;
        }
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

    /** The BVSE calculator (the oracle of {@code design label}), or null when none is installed. */
    protected BvseCalculator bvse() {
        return bvse;
    }

    protected List<StructureReader> readers() {
        return List.copyOf(readers);
    }
}
