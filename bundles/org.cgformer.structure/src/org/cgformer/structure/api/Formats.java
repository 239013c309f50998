package org.cgformer.structure.api;

import java.math.BigDecimal;

/** Number formatting shared by formulas and writers: shortest exact text, no trailing zeros. */
final class Formats {

    private Formats() {
    }

    /** {@code 2} for 2.0, {@code 0.5} for 0.5, {@code 0.333333} for 1/3 (6 decimals at most). */
    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return new BigDecimal(value).setScale(6, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }

    /**
     * An amount in a formula, for display: rounded to {@link Composition#FORMULA_DECIMALS} decimals with
     * trailing zeros dropped ({@code 18} for 18.000006, {@code 0.6667} for 2/3); an amount that would round
     * to 0 keeps 4 significant digits instead.
     */
    static String formulaAmount(double value) {
        BigDecimal exact = new BigDecimal(value);
        BigDecimal rounded = exact.setScale(Composition.FORMULA_DECIMALS, java.math.RoundingMode.HALF_EVEN);
        if (rounded.signum() == 0 && value != 0) {
            rounded = exact.round(new java.math.MathContext(4, java.math.RoundingMode.HALF_EVEN));
        }
        return rounded.stripTrailingZeros().toPlainString();
    }
}
