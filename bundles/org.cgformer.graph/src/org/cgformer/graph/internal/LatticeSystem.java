package org.cgformer.graph.internal;

import org.cgformer.structure.api.Lattice;

/**
 * The lattice system of a cell from its parameters alone (metric symmetry of the cell as given, not
 * reduced, decoration not checked): a trigonal structure in hexagonal axes reads as hexagonal.
 */
enum LatticeSystem {
    TRICLINIC, MONOCLINIC, ORTHORHOMBIC, TETRAGONAL, RHOMBOHEDRAL, HEXAGONAL, CUBIC;

    /** Relative tolerance on cell lengths. */
    static final double LENGTH_TOLERANCE = 1e-3;
    /** Tolerance on cell angles, degrees. */
    static final double ANGLE_TOLERANCE_DEGREES = 0.1;

    static LatticeSystem of(Lattice lattice) {
        double a = lattice.a();
        double b = lattice.b();
        double c = lattice.c();
        double alpha = lattice.alpha();
        double beta = lattice.beta();
        double gamma = lattice.gamma();
        int right = (angle(alpha, 90) ? 1 : 0) + (angle(beta, 90) ? 1 : 0) + (angle(gamma, 90) ? 1 : 0);
        if (right == 3) {
            if (length(a, b) && length(b, c)) {
                return CUBIC;
            }
            return length(a, b) || length(b, c) || length(a, c) ? TETRAGONAL : ORTHORHOMBIC;
        }
        if (length(a, b) && length(b, c) && angle(alpha, beta) && angle(beta, gamma)) {
            return RHOMBOHEDRAL;
        }
        if (right == 2 && hexagonalPair(a, b, gamma, alpha, beta, c)) {
            return HEXAGONAL;
        }
        return right == 2 ? MONOCLINIC : TRICLINIC;
    }

    /** Two equal lengths at 120° (or 60°) with the third axis perpendicular to both. */
    private static boolean hexagonalPair(double a, double b, double gamma, double alpha, double beta, double c) {
        if (angle(alpha, 90) && angle(beta, 90)) {
            return length(a, b) && (angle(gamma, 120) || angle(gamma, 60));
        }
        return false;
    }

    private static boolean length(double x, double y) {
        return Math.abs(x - y) <= LENGTH_TOLERANCE * Math.max(x, y);
    }

    private static boolean angle(double x, double y) {
        return Math.abs(x - y) <= ANGLE_TOLERANCE_DEGREES;
    }
}
