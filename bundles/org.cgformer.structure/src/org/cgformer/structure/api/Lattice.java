package org.cgformer.structure.api;

import java.util.Arrays;

/**
 * A crystal lattice: the matrix whose rows are the vectors a, b, c in Cartesian Angstrom
 * (pymatgen's {@code Lattice}). Immutable.
 */
public final class Lattice {

    /** Cell volumes below this (cubic Angstrom) are degenerate. */
    public static final double MINIMUM_VOLUME = 1e-6;
    /**
     * Smallest accepted normalized volume V / (a b c) (dimensionless; 1 for a rectangular cell, 0 for a flat one).
     * Below it the three vectors are nearly coplanar and the matrix nearly singular, so fractional coordinates
     * lose their meaning. Real cells lie far above: a sharp rhombohedral cell with alpha = 20 degrees has 0.10,
     * a monoclinic one with beta = 150 degrees 0.5.
     */
    public static final double MINIMUM_NORMALIZED_VOLUME = 1e-3;

    private final double[][] matrix;
    private final double[][] inverse;
    private final double volume;

    /** Every lattice: finite numbers and a finite volume above {@link #MINIMUM_VOLUME}. */
    private Lattice(double[][] matrix) {
        this(matrix, MINIMUM_VOLUME);
    }

    /**
     * A lattice with finite numbers and a finite volume above {@code minimumVolume}; derived lattices
     * (reciprocal ones, in inverse Angstrom) pass 0, as a large cell has a reciprocal cell of tiny volume.
     */
    private Lattice(double[][] matrix, double minimumVolume) {
        for (double[] row : matrix) {
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    throw new StructureException("lattice " + Arrays.deepToString(matrix) + " holds " + v);
                }
            }
        }
        this.matrix = matrix;
        this.volume = determinant(matrix);
        if (!Double.isFinite(volume)) {
            throw new StructureException("lattice " + Arrays.deepToString(matrix) + " has volume " + volume
                    + " cubic Angstrom, not a finite number");
        }
        if (!(Math.abs(volume) > minimumVolume)) {
            throw new StructureException("lattice " + Arrays.deepToString(matrix) + " has volume " + volume);
        }
        this.inverse = invert(matrix, volume);
    }

    /** The lattices users give (not derived ones such as the reciprocal): also not nearly flat. */
    private static Lattice checkedNotFlat(double[][] rows) {
        Lattice lattice = new Lattice(rows);
        double normalized = lattice.normalizedVolume();
        if (!(normalized >= MINIMUM_NORMALIZED_VOLUME)) {
            throw new StructureException(String.format(java.util.Locale.ROOT,
                    "lattice %s is nearly flat: V / (a b c) = %.3g is below %.3g (a nearly singular matrix)",
                    Arrays.deepToString(rows), normalized, MINIMUM_NORMALIZED_VOLUME));
        }
        return lattice;
    }

    /** From the rows a, b, c (Angstrom). */
    public static Lattice of(double[][] rows) {
        if (rows.length != 3 || rows[0].length != 3 || rows[1].length != 3 || rows[2].length != 3) {
            throw new StructureException("a lattice needs 3 x 3 numbers, got " + Arrays.deepToString(rows));
        }
        double[][] copy = new double[3][];
        for (int i = 0; i < 3; i++) {
            copy[i] = rows[i].clone();
            for (double v : copy[i]) {
                if (!Double.isFinite(v)) {
                    throw new StructureException("lattice " + Arrays.deepToString(rows) + " holds " + v);
                }
            }
        }
        return checkedNotFlat(copy);
    }

    /**
     * From lengths (Angstrom) and angles (degrees), with pymatgen's convention (c along z, a in the
     * xz plane): the same matrix as {@code Lattice.from_parameters}, so Cartesian coordinates agree.
     */
    public static Lattice fromParameters(double a, double b, double c, double alpha, double beta, double gamma) {
        String cell = "cell a=" + a + " b=" + b + " c=" + c + " alpha=" + alpha + " beta=" + beta + " gamma=" + gamma;
        for (double length : new double[] {a, b, c}) {
            if (!(length > 0) || Double.isInfinite(length)) {
                throw new StructureException("cell lengths must be positive finite numbers: a=" + a + " b=" + b + " c=" + c);
            }
        }
        for (double angle : new double[] {alpha, beta, gamma}) {
            if (!(angle > 0 && angle < 180)) {
                throw new StructureException("cell angles must lie in (0, 180) degrees: alpha=" + alpha + " beta=" + beta
                        + " gamma=" + gamma);
            }
        }
        double ar = Math.toRadians(alpha);
        double br = Math.toRadians(beta);
        double gr = Math.toRadians(gamma);
        double normalizedSquared = 1 - Math.cos(ar) * Math.cos(ar) - Math.cos(br) * Math.cos(br) - Math.cos(gr) * Math.cos(gr)
                + 2 * Math.cos(ar) * Math.cos(br) * Math.cos(gr);
        if (!(normalizedSquared > 0)) {
            throw new StructureException(cell + ": these angles cannot form a cell (each must be less than the sum of "
                    + "the other two, and all three must sum to less than 360 degrees)");
        }
        double normalized = Math.sqrt(normalizedSquared);
        double volume = a * b * c * normalized;
        if (!Double.isFinite(volume)) {
            throw new StructureException(cell + ": volume " + volume + " cubic Angstrom is not a finite number");
        }
        if (!(volume > MINIMUM_VOLUME)) {
            throw new StructureException(cell + " has no volume (" + volume + " cubic Angstrom)");
        }
        if (normalized < MINIMUM_NORMALIZED_VOLUME) {
            throw new StructureException(String.format(java.util.Locale.ROOT,
                    "%s is nearly flat: V / (a b c) = %.3g is below %.3g (a nearly singular matrix)", cell, normalized,
                    MINIMUM_NORMALIZED_VOLUME));
        }
        double val = (Math.cos(ar) * Math.cos(br) - Math.cos(gr)) / (Math.sin(ar) * Math.sin(br));
        double gammaStar = Math.acos(Math.max(-1, Math.min(1, val)));
        double[][] rows = {
            {a * Math.sin(br), 0, a * Math.cos(br)},
            {-b * Math.sin(ar) * Math.cos(gammaStar), b * Math.sin(ar) * Math.sin(gammaStar), b * Math.cos(ar)},
            {0, 0, c}};
        try {
            return checkedNotFlat(rows);
        } catch (StructureException e) {
            throw new StructureException(cell + ": " + e.getMessage());
        }
    }

    public static Lattice cubic(double a) {
        return fromParameters(a, a, a, 90, 90, 90);
    }

    /** A copy of the matrix; rows are a, b, c. */
    public double[][] matrix() {
        return new double[][] {matrix[0].clone(), matrix[1].clone(), matrix[2].clone()};
    }

    /** Row {@code i} (0 = a) of the matrix, a copy. */
    public double[] vector(int i) {
        return matrix[i].clone();
    }

    public double a() {
        return norm(matrix[0]);
    }

    public double b() {
        return norm(matrix[1]);
    }

    public double c() {
        return norm(matrix[2]);
    }

    /** {a, b, c} in Angstrom. */
    public double[] abc() {
        return new double[] {a(), b(), c()};
    }

    /** Angle between b and c, degrees. */
    public double alpha() {
        return angle(matrix[1], matrix[2]);
    }

    public double beta() {
        return angle(matrix[0], matrix[2]);
    }

    public double gamma() {
        return angle(matrix[0], matrix[1]);
    }

    /** {alpha, beta, gamma} in degrees. */
    public double[] angles() {
        return new double[] {alpha(), beta(), gamma()};
    }

    /** {a, b, c, alpha, beta, gamma}. */
    public double[] parameters() {
        return new double[] {a(), b(), c(), alpha(), beta(), gamma()};
    }

    /** Volume in cubic Angstrom (always positive). */
    public double volume() {
        return Math.abs(volume);
    }

    /**
     * V / (a b c): 1 for a rectangular cell, towards 0 as the cell flattens (the sine-like factor
     * sqrt(1 - cos^2 alpha - cos^2 beta - cos^2 gamma + 2 cos alpha cos beta cos gamma)).
     */
    public double normalizedVolume() {
        return volume() / (a() * b() * c());
    }

    /** Cartesian coordinates (Angstrom) of fractional coordinates. */
    public double[] cartCoords(double[] frac) {
        double[] cart = new double[3];
        for (int j = 0; j < 3; j++) {
            cart[j] = frac[0] * matrix[0][j] + frac[1] * matrix[1][j] + frac[2] * matrix[2][j];
        }
        return cart;
    }

    /** Fractional coordinates of Cartesian ones. */
    public double[] fracCoords(double[] cart) {
        double[] frac = new double[3];
        for (int j = 0; j < 3; j++) {
            frac[j] = cart[0] * inverse[0][j] + cart[1] * inverse[1][j] + cart[2] * inverse[2][j];
        }
        return frac;
    }

    /**
     * The reciprocal lattice without the factor 2 pi (pymatgen's {@code reciprocal_lattice_crystallographic}):
     * row i is perpendicular to the two other direct vectors and its length is 1 / (spacing of the
     * lattice planes it is normal to).
     */
    public Lattice reciprocalLatticeCrystallographic() {
        double[][] rows = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                rows[i][j] = inverse[j][i];
            }
        }
        return new Lattice(rows, 0);
    }

    /** The reciprocal lattice with the factor 2 pi (pymatgen's {@code reciprocal_lattice}). */
    public Lattice reciprocalLattice() {
        double[][] rows = reciprocalLatticeCrystallographic().matrix;
        double[][] scaled = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                scaled[i][j] = 2 * Math.PI * rows[i][j];
            }
        }
        return new Lattice(scaled, 0);
    }

    /** The lattice with rows scaled by na, nb, nc. */
    public Lattice scaled(int na, int nb, int nc) {
        int[] n = {na, nb, nc};
        double[][] rows = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                rows[i][j] = matrix[i][j] * n[i];
            }
        }
        return new Lattice(rows);
    }

    /** Whether lengths agree within {@code relativeTolerance} and angles within that many degrees times 180. */
    public boolean almostEquals(Lattice other, double relativeTolerance) {
        double[] p = parameters();
        double[] q = other.parameters();
        for (int i = 0; i < 6; i++) {
            if (Math.abs(p[i] - q[i]) > relativeTolerance * Math.abs(q[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Lattice other && Arrays.deepEquals(other.matrix, matrix);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(matrix);
    }

    /** {@code a=5.64 b=5.64 c=5.64 alpha=90 beta=90 gamma=90}. */
    @Override
    public String toString() {
        double[] p = parameters();
        return String.format(java.util.Locale.ROOT, "a=%.6g b=%.6g c=%.6g alpha=%.6g beta=%.6g gamma=%.6g",
                p[0], p[1], p[2], p[3], p[4], p[5]);
    }

    static double norm(double[] v) {
        return Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    }

    private static double angle(double[] u, double[] v) {
        double cos = (u[0] * v[0] + u[1] * v[1] + u[2] * v[2]) / (norm(u) * norm(v));
        return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, cos))));
    }

    private static double determinant(double[][] m) {
        return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
                - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    }

    private static double[][] invert(double[][] m, double det) {
        double[][] inv = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                int i1 = (j + 1) % 3;
                int i2 = (j + 2) % 3;
                int j1 = (i + 1) % 3;
                int j2 = (i + 2) % 3;
                inv[i][j] = (m[i1][j1] * m[i2][j2] - m[i1][j2] * m[i2][j1]) / det;
            }
        }
        return inv;
    }
}
