package org.cgformer.cli.internal;

import java.util.List;
import java.util.Map;

import org.cgformer.cli.api.CommandContribution;
import org.cgformer.graph.api.FeaturizerRegistry;
import org.cgformer.structure.api.StructureReader;

/**
 * Contributes the crystal-graph commands: {@code featurizers}, {@code featurize} and
 * {@code bench graphs}. One DS component per command (see OSGI-INF), sharing this class: the
 * component property {@code command} says which.
 */
public class GraphCommandContributions implements CommandContribution {

    private final StructureReaders readers = new StructureReaders();
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

    @Override
    public String name() {
        return command;
    }

    @Override
    public String groupDescription() {
        return command.equals("bench graphs") ? "Time the toolchain in-process, after a warm-up, and print median times."
                : null;
    }

    @Override
    public Object newCommand() {
        List<StructureReader> snapshot = readers.snapshot();
        return switch (command) {
            case "featurize" -> new FeaturizeCommand(registry, snapshot);
            case "bench graphs" -> new BenchGraphsCommand(registry, snapshot);
            default -> new FeaturizersCommand(registry);
        };
    }
}
