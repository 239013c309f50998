package org.cgformer.cli.internal;

import org.cgformer.cli.api.CommandContribution;
import org.osgi.service.component.runtime.ServiceComponentRuntime;

/** Contributes {@code cgformer components}. */
public class ComponentsCommandContribution implements CommandContribution {

    private volatile ServiceComponentRuntime runtime;

    public void setRuntime(ServiceComponentRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public String name() {
        return "components";
    }

    @Override
    public Object newCommand() {
        return new ComponentsCommand(runtime);
    }
}
