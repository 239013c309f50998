package org.cgformer.stability.api;

import java.util.Arrays;

/**
 * Errors of one model on one test fold, on the original target scale.
 *
 * @param mae mean absolute error
 * @param medianAe median absolute error (insensitive to the few huge targets of a heavy tail)
 * @param rmse root mean squared error
 */
public record FoldMetrics(String fold, double mae, double medianAe, double rmse, int count) {

    public static FoldMetrics of(String fold, double[] targets, double[] predictions) {
        if (targets.length != predictions.length || targets.length == 0) {
            throw new IllegalArgumentException(fold + ": " + targets.length + " targets and " + predictions.length + " predictions");
        }
        double[] abs = new double[targets.length];
        double sq = 0;
        for (int i = 0; i < abs.length; i++) {
            abs[i] = Math.abs(predictions[i] - targets[i]);
            sq += abs[i] * abs[i];
        }
        return new FoldMetrics(fold, Arrays.stream(abs).average().orElseThrow(), median(abs), Math.sqrt(sq / abs.length), abs.length);
    }

    public static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
