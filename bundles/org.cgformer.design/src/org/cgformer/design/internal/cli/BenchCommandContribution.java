package org.cgformer.design.internal.cli;

import org.cgformer.cli.api.CommandContribution;
import org.cgformer.design.api.DesignWorkflow;

/** Contributes {@code cgformer bench design}. */
public class BenchCommandContribution implements CommandContribution {

    private volatile DesignWorkflow workflow;

    public void setWorkflow(DesignWorkflow workflow) {
        this.workflow = workflow;
    }

    @Override
    public String name() {
        return "bench design";
    }

    @Override
    public Object newCommand() {
        return new BenchDesignCommand(workflow);
    }
}
