package org.cgformer.cli.internal;

/** Contributes {@code cgformer inspect}, with whatever structure readers are installed. */
public class InspectCommandContribution extends StructureCommandContribution {

    @Override
    public String name() {
        return "inspect";
    }

    @Override
    public Object newCommand() {
        return new InspectCommand(readers());
    }
}
