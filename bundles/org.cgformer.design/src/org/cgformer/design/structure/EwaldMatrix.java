package org.cgformer.design.structure;

/**
 * The Ewald sum of point charges as a matrix: E = 1/2 q^T A q (eV, charges in units of e), so that
 * many decorations of the same positions cost one matrix-vector product each. Splitting and cut-offs
 * follow pymatgen's EwaldSummation (eta = pi (N w / V^2)^(1/3), w = 1/sqrt 2, accuracy factor 12).
 * The compensating background term for a charged cell is left out: decorations are neutral.
 */
final class EwaldMatrix {

    /** e^2 / (4 pi eps0) in eV Angstrom. */
    static final double COULOMB_EV_ANGSTROM = 14.399645;
    /** exp(-ACCURACY) is the relative size of the neglected real and reciprocal terms. */
    static final double ACCURACY = 12.0;

    private EwaldMatrix() {
    }

    /** A (N x N) for positions in Cartesian Angstrom inside a cell with lattice vectors as rows. */
    static double[][] of(double[][] lattice, double[][] cart) {
        int n = cart.length;
        double volume = Math.abs(det(lattice));
        double eta = Math.PI * Math.cbrt(n / Math.sqrt(2) / (volume * volume));
        double[][] a = new double[n][n];
        addReal(lattice, cart, eta, a);
        addReciprocal(lattice, cart, eta, volume, a);
        double self = -2 * Math.sqrt(eta / Math.PI);
        for (int i = 0; i < n; i++) {
            a[i][i] += self;
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i][j] *= COULOMB_EV_ANGSTROM;
            }
        }
        return a;
    }

    /** E = 1/2 q^T A q in eV. */
    static double energy(double[][] a, int[] charges) {
        double sum = 0;
        for (int i = 0; i < charges.length; i++) {
            if (charges[i] == 0) {
                continue;
            }
            double row = 0;
            double[] ai = a[i];
            for (int j = 0; j < charges.length; j++) {
                row += ai[j] * charges[j];
            }
            sum += charges[i] * row;
        }
        return sum / 2;
    }

    private static void addReal(double[][] lattice, double[][] cart, double eta, double[][] a) {
        double cutoff = Math.sqrt(ACCURACY / eta);
        double sqrtEta = Math.sqrt(eta);
        int[] images = imageRange(lattice, cutoff);
        int n = cart.length;
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double value = 0;
                for (int u = -images[0]; u <= images[0]; u++) {
                    for (int v = -images[1]; v <= images[1]; v++) {
                        for (int w = -images[2]; w <= images[2]; w++) {
                            double dx = cart[j][0] - cart[i][0] + u * lattice[0][0] + v * lattice[1][0] + w * lattice[2][0];
                            double dy = cart[j][1] - cart[i][1] + u * lattice[0][1] + v * lattice[1][1] + w * lattice[2][1];
                            double dz = cart[j][2] - cart[i][2] + u * lattice[0][2] + v * lattice[1][2] + w * lattice[2][2];
                            double r = Math.sqrt(dx * dx + dy * dy + dz * dz);
                            if (r > 1e-8 && r < cutoff) {
                                value += Erfc.erfc(sqrtEta * r) / r;
                            }
                        }
                    }
                }
                a[i][j] += value;
                if (i != j) {
                    a[j][i] += value;
                }
            }
        }
    }

    private static void addReciprocal(double[][] lattice, double[][] cart, double eta, double volume, double[][] a) {
        double[][] reciprocal = reciprocal(lattice);
        double gmax = 2 * Math.sqrt(eta) * Math.sqrt(ACCURACY);
        int[] range = imageRangeReciprocal(lattice, gmax);
        int n = cart.length;
        double[] cos = new double[n];
        double[] sin = new double[n];
        for (int h = -range[0]; h <= range[0]; h++) {
            for (int k = -range[1]; k <= range[1]; k++) {
                for (int l = -range[2]; l <= range[2]; l++) {
                    if (h == 0 && k == 0 && l == 0) {
                        continue;
                    }
                    double gx = h * reciprocal[0][0] + k * reciprocal[1][0] + l * reciprocal[2][0];
                    double gy = h * reciprocal[0][1] + k * reciprocal[1][1] + l * reciprocal[2][1];
                    double gz = h * reciprocal[0][2] + k * reciprocal[1][2] + l * reciprocal[2][2];
                    double g2 = gx * gx + gy * gy + gz * gz;
                    if (g2 > gmax * gmax) {
                        continue;
                    }
                    double weight = 4 * Math.PI / volume * Math.exp(-g2 / (4 * eta)) / g2;
                    for (int i = 0; i < n; i++) {
                        double phase = gx * cart[i][0] + gy * cart[i][1] + gz * cart[i][2];
                        cos[i] = Math.cos(phase);
                        sin[i] = Math.sin(phase);
                    }
                    for (int i = 0; i < n; i++) {
                        double ci = weight * cos[i];
                        double si = weight * sin[i];
                        double[] ai = a[i];
                        for (int j = 0; j < n; j++) {
                            ai[j] += ci * cos[j] + si * sin[j];   // weight * cos(g . (r_i - r_j))
                        }
                    }
                }
            }
        }
    }

    /** Images needed along each axis so that every point within {@code cutoff} is reached. */
    private static int[] imageRange(double[][] lattice, double cutoff) {
        double[][] reciprocal = reciprocal(lattice);
        int[] range = new int[3];
        for (int d = 0; d < 3; d++) {
            double planeSpacing = 2 * Math.PI / norm(reciprocal[d]);
            range[d] = (int) Math.ceil(cutoff / planeSpacing) + 1;
        }
        return range;
    }

    private static int[] imageRangeReciprocal(double[][] lattice, double gmax) {
        int[] range = new int[3];
        for (int d = 0; d < 3; d++) {
            range[d] = (int) Math.ceil(gmax * norm(lattice[d]) / (2 * Math.PI)) + 1;
        }
        return range;
    }

    /** Reciprocal lattice vectors (rows) including the factor 2 pi. */
    static double[][] reciprocal(double[][] m) {
        double volume = det(m);
        double[][] r = new double[3][];
        r[0] = scale(cross(m[1], m[2]), 2 * Math.PI / volume);
        r[1] = scale(cross(m[2], m[0]), 2 * Math.PI / volume);
        r[2] = scale(cross(m[0], m[1]), 2 * Math.PI / volume);
        return r;
    }

    static double det(double[][] m) {
        return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    }

    private static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    private static double[] scale(double[] v, double s) {
        return new double[] {v[0] * s, v[1] * s, v[2] * s};
    }

    private static double norm(double[] v) {
        return Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    }

    /** erfc with relative error below 1.2e-7 (Numerical Recipes' Chebyshev fit). */
    static final class Erfc {
        private Erfc() {
        }

        static double erfc(double x) {
            double z = Math.abs(x);
            double t = 1 / (1 + 0.5 * z);
            double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                    + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                    + t * (-0.82215223 + t * 0.17087277)))))))));
            return x >= 0 ? r : 2 - r;
        }
    }
}
