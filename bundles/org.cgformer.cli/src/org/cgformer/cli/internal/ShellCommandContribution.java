package org.cgformer.cli.internal;

import org.cgformer.cli.api.CommandContribution;
import org.osgi.framework.BundleContext;

/** Contributes {@code cgformer shell}: many commands, and bundle installs and stops, in one runtime. */
public class ShellCommandContribution implements CommandContribution {

    private volatile BundleContext context;

    public void activate(BundleContext value) {
        context = value;
    }

    @Override
    public String name() {
        return "shell";
    }

    @Override
    public Object newCommand() {
        return new ShellCommand(context);
    }
}
