package org.cgformer.design.api;

import java.util.List;
import java.util.function.ToDoubleFunction;

import org.cgformer.structure.api.Element;

/**
 * The composition descriptors clustering works on: for the cations of the substituted site, the
 * fraction-weighted mean and standard deviation of the ionic radius (Angstrom, Shannon CN VI),
 * Pauling electronegativity, oxidation state and atomic mass (u). Means place a candidate in
 * chemistry, spreads measure how different its cations are (the "entropy" in high-entropy). Before
 * clustering each column is standardised (z-score over the survivors) so no unit dominates.
 */
public final class CompositionDescriptors {

    public static final List<String> NAMES = List.of("radius_mean", "radius_std", "electronegativity_mean",
            "electronegativity_std", "oxidation_state_mean", "oxidation_state_std", "mass_mean", "mass_std");

    private CompositionDescriptors() {
    }

    /** Raw descriptors of one composition, in the order of {@link #NAMES}. */
    public static double[] of(SiteComposition composition) {
        double[] result = new double[NAMES.size()];
        meanAndSpread(composition, composition::ionicRadius, result, 0);
        meanAndSpread(composition, i -> Element.of(composition.element(i)).electronegativity(), result, 2);
        meanAndSpread(composition, composition::oxidationState, result, 4);
        meanAndSpread(composition, i -> Element.of(composition.element(i)).atomicMass(), result, 6);
        return result;
    }

    private static void meanAndSpread(SiteComposition composition, IntToDouble property, double[] out, int at) {
        double mean = 0;
        for (int i = 0; i < composition.size(); i++) {
            mean += composition.fraction(i) * property.apply(i);
        }
        double variance = 0;
        for (int i = 0; i < composition.size(); i++) {
            double deviation = property.apply(i) - mean;
            variance += composition.fraction(i) * deviation * deviation;
        }
        out[at] = mean;
        out[at + 1] = Math.sqrt(variance);
    }

    /** Column-wise z-scores (a constant column becomes 0); the input is not changed. */
    public static double[][] standardize(double[][] rows) {
        int columns = rows.length == 0 ? 0 : rows[0].length;
        double[][] result = new double[rows.length][columns];
        for (int c = 0; c < columns; c++) {
            final int column = c;
            double mean = average(rows, r -> r[column]);
            double std = Math.sqrt(average(rows, r -> (r[column] - mean) * (r[column] - mean)));
            for (int r = 0; r < rows.length; r++) {
                result[r][c] = std > 0 ? (rows[r][c] - mean) / std : 0;
            }
        }
        return result;
    }

    private static double average(double[][] rows, ToDoubleFunction<double[]> value) {
        double sum = 0;
        for (double[] row : rows) {
            sum += value.applyAsDouble(row);
        }
        return rows.length == 0 ? 0 : sum / rows.length;
    }

    @FunctionalInterface
    private interface IntToDouble {
        double apply(int i);
    }
}
