package org.cgformer.stability.api;

/**
 * A monotone transformation of targets before training, undone on predictions. The models are fit
 * to {@link #forward(double)} of the targets (with their usual loss); errors are measured on the
 * original scale after {@link #inverse(double)}.
 */
public interface TargetTransform {

    String name();

    double forward(double target);

    double inverse(double transformed);

    /** Leaves targets as they are. */
    TargetTransform IDENTITY = of(org.cgformer.ml.training.TargetTransform.IDENTITY);

    /**
     * y' = asinh(y / s): linear for |y| well below s, logarithmic beyond, odd (keeps the sign of
     * energies below the hull). A squared loss on y' grows like log² |y| in the tail, so a few
     * structures at thousands of meV/atom cannot dominate the fit; for |y| ≤ s it is within 20 % of
     * a plain squared loss (up to the factor 1/s²).
     *
     * @param scale s, in target units (meV/atom for Ehull)
     */
    static TargetTransform asinh(double scale) {
        return of(org.cgformer.ml.training.TargetTransform.asinh(scale));
    }

    /** {@code identity} or {@code asinh:S} (e.g. {@code asinh:100}). */
    static TargetTransform parse(String spec) {
        org.cgformer.ml.training.TargetTransform parsed = org.cgformer.ml.training.TargetTransform.parse(spec);
        return parsed == org.cgformer.ml.training.TargetTransform.IDENTITY ? IDENTITY : of(parsed);
    }

    /**
     * This API's view of the training service's transform, whose {@link org.cgformer.ml.training.Ensemble#predictOnOriginalScale
     * inverse} the predictions of {@code predict} and {@code screen} go through: one implementation of each formula.
     */
    private static TargetTransform of(org.cgformer.ml.training.TargetTransform t) {
        return new TargetTransform() {
            @Override
            public String name() {
                return t.name();
            }

            @Override
            public double forward(double target) {
                return t.forward(target);
            }

            @Override
            public double inverse(double transformed) {
                return t.inverse(transformed);
            }
        };
    }
}
