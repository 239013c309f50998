package org.cgformer.cli.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.cgformer.cli.api.CommandContribution;
import org.cgformer.graph.api.FeaturizerRegistry;
import org.cgformer.ml.api.PropertyModel;
import org.cgformer.structure.api.StructureReader;

/**
 * Contributes the property-model commands {@code models}, {@code train}, {@code predict} and
 * {@code bench matbench}; one DS component per command (see OSGI-INF), the component property
 * {@code command} says which.
 */
public class ModelCommandContributions implements CommandContribution {

    private final StructureReaders readers = new StructureReaders();
    private final List<PropertyModel> models = new CopyOnWriteArrayList<>();
    private volatile FeaturizerRegistry registry;
    private String command;

    public void activate(Map<String, Object> properties) {
        command = (String) properties.get("command");
    }

    public void setRegistry(FeaturizerRegistry registry) {
        this.registry = registry;
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

    @Override
    public String name() {
        return command;
    }

    @Override
    public String groupDescription() {
        return command.equals("bench matbench") ? "Time the toolchain in-process, after a warm-up, and print median times." : null;
    }

    @Override
    public Object newCommand() {
        ModelTools tools = new ModelTools(List.copyOf(models), registry, readers.snapshot());
        return switch (command) {
            case "train" -> new TrainCommand(tools);
            case "predict" -> new PredictCommand(tools);
            case "bench matbench" -> new BenchMatbenchCommand(tools);
            default -> new ModelsCommand(tools);
        };
    }
}
