package org.cgformer.ml.api;

import java.util.List;

/** Target normalisation (x - mean) / std, fitted on the training targets. */
public record Normalizer(double mean, double std) {

    public Normalizer {
        if (!Double.isFinite(mean) || !(std > 0) || !Double.isFinite(std)) {
            throw new IllegalArgumentException("invalid normalisation mean " + mean + ", std " + std);
        }
    }

    /** Mean and (population) standard deviation of the targets; std 1 when they are all equal. */
    public static Normalizer fit(List<Sample> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("cannot fit a normalisation on no samples");
        }
        double sum = 0;
        for (Sample s : samples) {
            sum += s.target();
        }
        double mean = sum / samples.size();
        double sq = 0;
        for (Sample s : samples) {
            sq += (s.target() - mean) * (s.target() - mean);
        }
        double std = Math.sqrt(sq / samples.size());
        return new Normalizer(mean, std > 1e-12 ? std : 1);
    }

    public double normalize(double value) {
        return (value - mean) / std;
    }

    public double denormalize(double value) {
        return value * std + mean;
    }
}
