package org.cgformer.ml.training;

import org.cgformer.ml.api.ModelDescriptor;

/**
 * A monotone transformation of the targets a model was trained on, undone on its predictions. A model trained on
 * {@link #forward(double)} of the targets records the transform's spec (e.g. {@code asinh:100.0}) in its descriptor's
 * metrics under {@value #METRIC}; {@link Ensemble#predictOnOriginalScale(java.util.List)} gives its predictions in the
 * targets' own units.
 *
 * @since 1.1
 */
public interface TargetTransform {

    /** The descriptor metric under which a model records its target transform (absent: {@link #IDENTITY}). */
    String METRIC = "targetTransform";

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
     * y' = asinh(y / s): linear for |y| well below s, logarithmic beyond, odd (keeps the sign of energies below the
     * hull).
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

    /** {@code identity} (or {@code none}) or {@code asinh:S} (e.g. {@code asinh:100}). */
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

    /** The spec recorded in {@code descriptor}'s metrics under {@value #METRIC}, {@code identity} when there is none. */
    static String specOf(ModelDescriptor descriptor) {
        Object value = descriptor.metrics().get(METRIC);
        return value == null ? "identity" : value.toString();
    }
}
