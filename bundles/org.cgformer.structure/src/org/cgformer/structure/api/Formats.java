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
}
