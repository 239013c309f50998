package org.cgformer.cli.internal;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import org.cgformer.ml.api.PropertyModel;

import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cgformer models}: the installed property-model types with their hyper-parameter defaults. */
@Command(name = "models", mixinStandardHelpOptions = true, description = "List the installed property models (model types) "
        + "with version, default featurizer and hyper-parameter defaults.")
public class ModelsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    private final ModelTools tools;

    ModelsCommand(ModelTools tools) {
        this.tools = tools;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<PropertyModel> models = tools.service.models();
        if (models.isEmpty()) {
            out.println("no property models are installed");
            return 0;
        }
        for (PropertyModel m : models) {
            out.printf("%-10s %-7s featurizer %-9s %s%n", m.name(), m.version(), m.defaultFeaturizer(), m.description());
            out.printf("           hyper-parameters %s%n", m.defaultHyperParameters());
            if (!m.layerGroups().isEmpty()) {
                out.printf("           layer groups (finetune --freeze) %s%n", String.join(",", m.layerGroups()));
            }
        }
        return 0;
    }
}
