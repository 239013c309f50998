package org.cgformer.graph.api;

/**
 * One column of a feature matrix, documented: its {@code name} (short, unique within the matrix)
 * and a {@code description} that says what it is, its unit and how it is scaled.
 */
public record FeatureColumn(String name, String description) {

    public FeatureColumn {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a feature column needs a name");
        }
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException("feature column '" + name + "' needs a description");
        }
    }
}
