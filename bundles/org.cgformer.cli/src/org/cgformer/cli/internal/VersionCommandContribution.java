package org.cgformer.cli.internal;

import org.cgformer.cli.api.CommandContribution;
import org.cgformer.djl.api.TensorRuntime;
import org.osgi.service.component.ComponentContext;

/**
 * Contributes {@code cgformer version}. The tensor runtime is looked up only when the command
 * runs (DS lookup strategy), so listing commands does not load libtorch.
 */
public class VersionCommandContribution implements CommandContribution {

    private ComponentContext context;

    public void activate(ComponentContext componentContext) {
        this.context = componentContext;
    }

    @Override
    public String name() {
        return "version";
    }

    @Override
    public Object newCommand() {
        return new VersionCommand(() -> (TensorRuntime) context.locateService("tensorRuntime"));
    }
}
