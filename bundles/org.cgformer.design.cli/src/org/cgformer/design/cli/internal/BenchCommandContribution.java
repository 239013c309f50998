package org.cgformer.design.cli.internal;

/** Contributes {@code cgformer bench design}. */
public class BenchCommandContribution extends DesignContribution {

    @Override
    public String name() {
        return "bench design";
    }

    @Override
    public Object newCommand() {
        return new BenchDesignCommand(workflow(), readers());
    }
}
