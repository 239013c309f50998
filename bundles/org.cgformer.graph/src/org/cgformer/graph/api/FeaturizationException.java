package org.cgformer.graph.api;

/**
 * A structure cannot be turned into a graph, or a featurizer cannot be found: the message names
 * the site, element, featurizer or value at fault.
 */
public class FeaturizationException extends Exception {

    private static final long serialVersionUID = 1L;

    public FeaturizationException(String message) {
        super(message);
    }

    public FeaturizationException(String message, Throwable cause) {
        super(message, cause);
    }
}
