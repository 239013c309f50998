package org.cgformer.graph.api;

import java.util.List;

/**
 * A featurizer whose description (name, version, one-line description and documented columns) is fixed when it is
 * constructed: this class holds it and answers the describing methods of {@link Featurizer}, so that an implementation
 * writes only {@link #featurize(org.cgformer.structure.api.Structure, GraphOptions)}.
 *
 * @since 1.2
 */
public abstract class AbstractFeaturizer implements Featurizer {

    private final String name;
    private final String version;
    private final String description;
    private final List<FeatureColumn> nodeColumns;
    private final List<FeatureColumn> edgeColumns;
    private final List<FeatureColumn> graphColumns;

    /**
     * @param name see {@link Featurizer#name()}
     * @param version see {@link Featurizer#version()}
     * @param description see {@link Featurizer#description()}
     * @param nodeColumns the F node columns (copied)
     * @param edgeColumns the E edge columns (copied)
     * @param graphColumns the G graph columns, may be empty (copied)
     */
    protected AbstractFeaturizer(String name, String version, String description, List<FeatureColumn> nodeColumns,
            List<FeatureColumn> edgeColumns, List<FeatureColumn> graphColumns) {
        this.name = name;
        this.version = version;
        this.description = description;
        this.nodeColumns = List.copyOf(nodeColumns);
        this.edgeColumns = List.copyOf(edgeColumns);
        this.graphColumns = List.copyOf(graphColumns);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public List<FeatureColumn> nodeColumns() {
        return nodeColumns;
    }

    @Override
    public List<FeatureColumn> edgeColumns() {
        return edgeColumns;
    }

    @Override
    public List<FeatureColumn> graphColumns() {
        return graphColumns;
    }
}
