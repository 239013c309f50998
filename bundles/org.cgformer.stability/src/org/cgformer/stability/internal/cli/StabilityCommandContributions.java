package org.cgformer.stability.internal.cli;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.cgformer.cli.api.CommandContribution;
import org.cgformer.graph.api.FeaturizerRegistry;
import org.cgformer.ml.api.PropertyModel;
import org.cgformer.structure.api.StructureReader;

/**
 * Contributes {@code dataset ehull} and {@code bench ehull}; one DS component per command (see
 * OSGI-INF), the component property {@code command} says which. DS binds the installed structure
 * readers, property models and the featurizer registry; each run gets a snapshot.
 */
public class StabilityCommandContributions implements CommandContribution {

    private final List<StructureReader> readers = new CopyOnWriteArrayList<>();
    private final List<PropertyModel> models = new CopyOnWriteArrayList<>();
    private volatile FeaturizerRegistry registry;
    private String command;

    public void activate(Map<String, Object> properties) {
        command = (String) properties.get("command");
    }

    public void addReader(StructureReader reader) {
        readers.add(reader);
    }

    public void removeReader(StructureReader reader) {
        readers.remove(reader);
    }

    public void addModel(PropertyModel model) {
        models.add(model);
    }

    public void removeModel(PropertyModel model) {
        models.remove(model);
    }

    public void setRegistry(FeaturizerRegistry registry) {
        this.registry = registry;
    }

    @Override
    public String name() {
        return command;
    }

    @Override
    public Object newCommand() {
        return switch (command) {
            case "bench ehull" -> new BenchEhullCommand(List.copyOf(readers), List.copyOf(models), registry);
            default -> new DatasetEhullCommand(List.copyOf(readers));
        };
    }
}
