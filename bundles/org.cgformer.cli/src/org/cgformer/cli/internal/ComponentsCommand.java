package org.cgformer.cli.internal;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;

import org.cgformer.cli.api.CommandLineRunner;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code cgformer components}: the Declarative Services components of the installed bundles and
 * their state, so an extension developer sees at once whether a contributed model, featurizer or
 * command was picked up (and, if not, which reference is missing).
 */
@Command(name = "components", mixinStandardHelpOptions = true,
        description = "List the services (Declarative Services components) of the installed bundles and their state.")
public class ComponentsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--all", description = "Also list components of bundles outside the product (Felix, OSGi, Eclipse).")
    boolean all;

    private final ServiceComponentRuntime runtime;

    ComponentsCommand(ServiceComponentRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<ComponentDescriptionDTO> descriptions = new ArrayList<>(runtime.getComponentDescriptionDTOs());
        descriptions.sort(Comparator.comparing((ComponentDescriptionDTO d) -> d.bundle.symbolicName).thenComparing(d -> d.name));
        out.printf("%-12s %-40s %s%n", "STATE", "COMPONENT", "BUNDLE");
        for (ComponentDescriptionDTO description : descriptions) {
            if (all || description.bundle.symbolicName.startsWith("org.cgformer")) {
                out.printf("%-12s %-40s %s%n", state(description), description.name, description.bundle.symbolicName);
            }
        }
        return CommandLineRunner.OK;
    }

    private String state(ComponentDescriptionDTO description) {
        if (!runtime.isComponentEnabled(description)) {
            return "disabled";
        }
        int best = 0;
        for (ComponentConfigurationDTO configuration : runtime.getComponentConfigurationDTOs(description)) {
            best = Math.max(best, configuration.state);
        }
        return switch (best) {
            case ComponentConfigurationDTO.ACTIVE -> "active";
            case ComponentConfigurationDTO.SATISFIED -> "satisfied";
            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> "unsatisfied";
            case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION -> "unconfigured";
            case ComponentConfigurationDTO.FAILED_ACTIVATION -> "failed";
            default -> "unsatisfied";
        };
    }

}
