package org.cgformer.cli.internal;

import java.util.List;

import org.cgformer.graph.api.FeaturizerRegistry;
import org.cgformer.structure.api.StructureReader;

/**
 * Contributes the crystal-graph commands: {@code featurizers}, {@code featurize} and
 * {@code bench graphs}. One DS component per command (see OSGI-INF), sharing this class: the
 * component property {@code command} says which.
 */
public class GraphCommandContributions extends StructureCommandContribution {

    private volatile FeaturizerRegistry registry;

    public void setRegistry(FeaturizerRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Object newCommand() {
        List<StructureReader> snapshot = readers();
        return switch (name()) {
            case "featurize" -> new FeaturizeCommand(registry, snapshot);
            case "bench graphs" -> new BenchGraphsCommand(registry, snapshot);
            default -> new FeaturizersCommand(registry);
        };
    }
}
