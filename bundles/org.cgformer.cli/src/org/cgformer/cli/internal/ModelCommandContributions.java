package org.cgformer.cli.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.cgformer.graph.api.FeaturizerRegistry;
import org.cgformer.ml.api.PropertyModel;

/**
 * Contributes the property-model commands {@code models}, {@code train}, {@code predict} and
 * {@code bench matbench}; one DS component per command (see OSGI-INF), the component property
 * {@code command} says which.
 */
public class ModelCommandContributions extends StructureCommandContribution {

    private final List<PropertyModel> models = new CopyOnWriteArrayList<>();
    private final ModelRuns runs = new ModelRuns();
    private volatile FeaturizerRegistry registry;

    public void setRegistry(FeaturizerRegistry registry) {
        this.registry = registry;
    }

    public void addModel(PropertyModel model) {
        models.add(model);
    }

    public void removeModel(PropertyModel model) {
        models.remove(model);
        runs.modelRemoved(model);
    }

    @Override
    public Object newCommand() {
        ModelTools tools = new ModelTools(List.copyOf(models), registry, readers(), runs);
        return switch (name()) {
            case "train" -> new TrainCommand(tools);
            case "predict" -> new PredictCommand(tools);
            case "bench matbench" -> new BenchMatbenchCommand(tools);
            default -> new ModelsCommand(tools);
        };
    }
}
