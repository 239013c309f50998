package org.cgformer.ml.training;

/**
 * The prediction of an {@link Ensemble} for one graph.
 *
 * @param mean mean over the members
 * @param std sample standard deviation over the members (0 for one member)
 * @param values each member's prediction, in member order
 */
public record EnsemblePrediction(double mean, double std, double[] values) {
}
