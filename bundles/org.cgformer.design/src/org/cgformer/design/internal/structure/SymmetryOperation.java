package org.cgformer.design.internal.structure;

/**
 * One symmetry operation in CIF's xyz form ({@code "x-y+2/3, -y+1/3, -z+5/6"}): a rotation of
 * integers and a fractional translation, applied to fractional coordinates.
 */
record SymmetryOperation(int[][] rotation, double[] translation) {

    /** Parses the three comma-separated expressions of {@code _space_group_symop_operation_xyz}. */
    static SymmetryOperation parse(String xyz) {
        String[] parts = xyz.replace("'", "").replace(" ", "").toLowerCase(java.util.Locale.ROOT).split(",");
        if (parts.length != 3) {
            throw new IllegalArgumentException("symmetry operation '" + xyz + "' does not have three parts");
        }
        int[][] rotation = new int[3][3];
        double[] translation = new double[3];
        for (int row = 0; row < 3; row++) {
            parseRow(parts[row], rotation[row], translation, row, xyz);
        }
        return new SymmetryOperation(rotation, translation);
    }

    private static void parseRow(String expression, int[] rotationRow, double[] translation, int row, String whole) {
        int i = 0;
        while (i < expression.length()) {
            int sign = 1;
            char c = expression.charAt(i);
            if (c == '+' || c == '-') {
                sign = c == '-' ? -1 : 1;
                i++;
            }
            int start = i;
            while (i < expression.length() && expression.charAt(i) != '+' && expression.charAt(i) != '-') {
                i++;
            }
            String term = expression.substring(start, i);
            switch (term) {
                case "x" -> rotationRow[0] += sign;
                case "y" -> rotationRow[1] += sign;
                case "z" -> rotationRow[2] += sign;
                default -> translation[row] += sign * fraction(term, whole);
            }
        }
    }

    private static double fraction(String term, String whole) {
        try {
            int slash = term.indexOf('/');
            return slash < 0 ? Double.parseDouble(term)
                    : Double.parseDouble(term.substring(0, slash)) / Double.parseDouble(term.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cannot read '" + term + "' in symmetry operation '" + whole + "'", e);
        }
    }

    /** The image of {@code frac}, wrapped into [0, 1). */
    double[] apply(double[] frac) {
        double[] result = new double[3];
        for (int row = 0; row < 3; row++) {
            double value = translation[row];
            for (int col = 0; col < 3; col++) {
                value += rotation[row][col] * frac[col];
            }
            result[row] = wrap(value);
        }
        return result;
    }

    static double wrap(double value) {
        double wrapped = value - Math.floor(value);
        return wrapped >= 1 - 1e-9 ? 0 : wrapped;
    }
}
