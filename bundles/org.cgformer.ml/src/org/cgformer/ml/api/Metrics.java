package org.cgformer.ml.api;

/** Regression metrics of predictions against targets: MAE, RMSE, R², count. */
public record Metrics(double mae, double rmse, double r2, int count) {

    public static Metrics of(double[] targets, double[] predictions) {
        if (targets.length != predictions.length || targets.length == 0) {
            throw new IllegalArgumentException(targets.length + " targets and " + predictions.length + " predictions");
        }
        int n = targets.length;
        double mean = 0;
        for (double t : targets) {
            mean += t;
        }
        mean /= n;
        double abs = 0;
        double sq = 0;
        double tot = 0;
        for (int i = 0; i < n; i++) {
            double e = predictions[i] - targets[i];
            abs += Math.abs(e);
            sq += e * e;
            tot += (targets[i] - mean) * (targets[i] - mean);
        }
        return new Metrics(abs / n, Math.sqrt(sq / n), tot > 0 ? 1 - sq / tot : Double.NaN, n);
    }

    /** Mean and sample standard deviation of a list of values (e.g. per-fold MAE): [mean, std]. */
    public static double[] meanStd(double[] values) {
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= values.length;
        double sq = 0;
        for (double v : values) {
            sq += (v - mean) * (v - mean);
        }
        return new double[] {mean, values.length > 1 ? Math.sqrt(sq / (values.length - 1)) : 0};
    }
}
