package org.cgformer.design.cli.internal;

import picocli.CommandLine;

/** Contributes {@code cgformer design funnel|cluster|sample|generate|label}. */
public class DesignCommandContribution extends DesignContribution {

    @Override
    public String name() {
        return "design";
    }

    @Override
    public Object newCommand() {
        return new CommandLine(new DesignCommand())
                .addSubcommand(new FunnelCommand(workflow()))
                .addSubcommand(new ClusterCommand())
                .addSubcommand(new SampleCommand())
                .addSubcommand(new GenerateCommand(workflow(), readers()))
                .addSubcommand(new LabelCommand(workflow(), readers(), bvse()));
    }
}
