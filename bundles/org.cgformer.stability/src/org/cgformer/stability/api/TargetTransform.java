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
    TargetTransform IDENTITY = new TargetTransform() {
        @Override
        public String name() {
            return "identity";
        }

        @Override
        public double forward(double target) {
            return target;
        }

        @Override
        public double inverse(double transformed) {
            return transformed;
        }
    };

    /**
     * y' = asinh(y / s): linear for |y| well below s, logarithmic beyond, odd (keeps the sign of
     * energies below the hull). A squared loss on y' grows like log² |y| in the tail, so a few
     * structures at thousands of meV/atom cannot dominate the fit; for |y| ≤ s it is within 20 % of
     * a plain squared loss (up to the factor 1/s²).
     *
     * @param scale s, in target units (meV/atom for Ehull)
     */
    static TargetTransform asinh(double scale) {
        if (!(scale > 0)) {
            throw new IllegalArgumentException("asinh scale must be positive, got " + scale);
        }
        return new TargetTransform() {
            @Override
            public String name() {
                return "asinh(y/" + scale + ")";
            }

            @Override
            public double forward(double target) {
                double x = target / scale;
                return Math.log(x + Math.sqrt(x * x + 1));
            }

            @Override
            public double inverse(double transformed) {
                return scale * Math.sinh(transformed);
            }
        };
    }

    /** {@code identity} or {@code asinh:S} (e.g. {@code asinh:100}). */
    static TargetTransform parse(String spec) {
        if (spec.equals("identity") || spec.equals("none")) {
            return IDENTITY;
        }
        if (spec.startsWith("asinh:")) {
            try {
                return asinh(Double.parseDouble(spec.substring("asinh:".length())));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("target transform '" + spec + "': the scale is not a number");
            }
        }
        throw new IllegalArgumentException("unknown target transform '" + spec + "' (identity | asinh:SCALE)");
    }
}
