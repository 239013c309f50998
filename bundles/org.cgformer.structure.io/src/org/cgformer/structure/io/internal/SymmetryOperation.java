package org.cgformer.structure.io.internal;

import java.util.Locale;

/**
 * A space-group operation on fractional coordinates, x' = R x + t, read from and written as
 * Jones-faithful text ({@code -x+1/2,y,z+0.25}).
 */
record SymmetryOperation(double[][] rotation, double[] translation) {

    static final SymmetryOperation IDENTITY = new SymmetryOperation(
            new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, new double[3]);

    /**
     * Parses {@code x,y,z}-style text: three comma-separated linear expressions in x, y, z with
     * integer, decimal or fractional coefficients and constants.
     *
     * @throws IllegalArgumentException naming the part that does not parse
     */
    static SymmetryOperation parse(String text) {
        String compact = text.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
        String[] parts = compact.split(",", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("'" + text + "' has " + parts.length + " parts, not 3 (x,y,z)");
        }
        double[][] rotation = new double[3][3];
        double[] translation = new double[3];
        for (int row = 0; row < 3; row++) {
            parseExpression(parts[row], text, rotation[row], translation, row);
        }
        return new SymmetryOperation(rotation, translation);
    }

    private static void parseExpression(String expression, String text, double[] rotationRow, double[] translation,
            int row) {
        if (expression.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' has an empty part");
        }
        int i = 0;
        while (i < expression.length()) {
            double sign = 1;
            if (expression.charAt(i) == '+' || expression.charAt(i) == '-') {
                sign = expression.charAt(i) == '-' ? -1 : 1;
                i++;
            }
            int start = i;
            while (i < expression.length() && (Character.isDigit(expression.charAt(i)) || expression.charAt(i) == '.'
                    || expression.charAt(i) == '/')) {
                i++;
            }
            double coefficient = start == i ? 1 : fraction(expression.substring(start, i), text);
            if (i < expression.length() && expression.charAt(i) == '*') {
                i++;
            }
            if (i < expression.length() && "xyz".indexOf(expression.charAt(i)) >= 0) {
                rotationRow[expression.charAt(i) - 'x'] += sign * coefficient;
                i++;
            } else if (start == i) {
                throw new IllegalArgumentException("'" + text + "': cannot read '" + expression + "' at '"
                        + expression.substring(Math.min(i, expression.length())) + "'");
            } else {
                translation[row] += sign * coefficient;
            }
        }
    }

    private static double fraction(String number, String text) {
        try {
            int slash = number.indexOf('/');
            if (slash < 0) {
                return Double.parseDouble(number);
            }
            return Double.parseDouble(number.substring(0, slash)) / Double.parseDouble(number.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "': '" + number + "' is not a number");
        }
    }

    double[] apply(double[] frac) {
        double[] out = new double[3];
        for (int i = 0; i < 3; i++) {
            out[i] = rotation[i][0] * frac[0] + rotation[i][1] * frac[1] + rotation[i][2] * frac[2] + translation[i];
        }
        return out;
    }

    /** {@code -x+1/2,y,z} with translations as fractions of 12ths where exact, else decimals. */
    String toXyz() {
        StringBuilder text = new StringBuilder();
        for (int row = 0; row < 3; row++) {
            if (row > 0) {
                text.append(',');
            }
            int before = text.length();
            for (int col = 0; col < 3; col++) {
                double c = rotation[row][col];
                if (c != 0) {
                    text.append(c < 0 ? "-" : text.length() > before ? "+" : "");
                    if (Math.abs(c) != 1) {
                        text.append(number(Math.abs(c)));
                    }
                    text.append((char) ('x' + col));
                }
            }
            double t = translation[row];
            if (t != 0) {
                text.append(t < 0 ? "-" : text.length() > before ? "+" : "").append(fractionText(Math.abs(t)));
            } else if (text.length() == before) {
                text.append('0');
            }
        }
        return text.toString();
    }

    private static String fractionText(double t) {
        for (int denominator : new int[] {2, 3, 4, 6, 8, 12}) {
            double numerator = t * denominator;
            if (Math.abs(numerator - Math.rint(numerator)) < 1e-9) {
                long n = Math.round(numerator);
                return denominator == 1 || n % denominator == 0 ? Long.toString(n / denominator) : n + "/" + denominator;
            }
        }
        return number(t);
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
