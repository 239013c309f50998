package org.cgformer.bvse.internal;

/** Complementary error function, fast enough for the grid's inner loop. */
final class Erfc {

    private Erfc() {
    }

    /**
     * erfc(x) with fractional error below 1.2e-7 everywhere (Chebyshev fit of Press et al.,
     * Numerical Recipes, 2nd ed., §6.2): far below the precision the energies are reported with.
     */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double poly = -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277))))))));
        double value = t * Math.exp(poly);
        return x >= 0 ? value : 2 - value;
    }
}
