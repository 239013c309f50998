package org.cgformer.design.internal.cli;

import org.cgformer.cli.api.CommandContribution;
import org.cgformer.design.api.DesignWorkflow;

import picocli.CommandLine;

/** Contributes {@code cgformer design funnel|cluster|sample|generate}. */
public class DesignCommandContribution implements CommandContribution {

    private volatile DesignWorkflow workflow;

    public void setWorkflow(DesignWorkflow workflow) {
        this.workflow = workflow;
    }

    @Override
    public String name() {
        return "design";
    }

    @Override
    public Object newCommand() {
        return new CommandLine(new DesignCommand())
                .addSubcommand(new FunnelCommand(workflow))
                .addSubcommand(new ClusterCommand())
                .addSubcommand(new SampleCommand())
                .addSubcommand(new GenerateCommand());
    }
}
