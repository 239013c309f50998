package org.cgformer.cli.internal;

/** Contributes {@code cgformer bench structures}. */
public class BenchCommandContribution extends StructureCommandContribution {

    @Override
    public String name() {
        return "bench structures";
    }

    @Override
    public Object newCommand() {
        return new BenchStructuresCommand(readers());
    }
}
