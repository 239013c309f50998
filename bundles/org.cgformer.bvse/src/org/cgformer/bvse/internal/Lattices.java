package org.cgformer.bvse.internal;

/** Small lattice helpers on a 3×3 matrix whose rows are the cell vectors a, b, c (Å). */
final class Lattices {

    private Lattices() {
    }

    static double[] toCartesian(double[][] m, double[] frac) {
        return new double[] {
            frac[0] * m[0][0] + frac[1] * m[1][0] + frac[2] * m[2][0],
            frac[0] * m[0][1] + frac[1] * m[1][1] + frac[2] * m[2][1],
            frac[0] * m[0][2] + frac[1] * m[1][2] + frac[2] * m[2][2]};
    }

    static double norm(double[] v) {
        return Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    }

    static double[] cross(double[] u, double[] v) {
        return new double[] {u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]};
    }

    static double volume(double[][] m) {
        double[] bc = cross(m[1], m[2]);
        return Math.abs(m[0][0] * bc[0] + m[0][1] * bc[1] + m[0][2] * bc[2]);
    }

    /** Distance between neighbouring lattice planes spanned by the two other vectors, per axis. */
    static double[] interplanarSpacings(double[][] m) {
        double volume = volume(m);
        return new double[] {volume / norm(cross(m[1], m[2])), volume / norm(cross(m[2], m[0])),
            volume / norm(cross(m[0], m[1]))};
    }

    /** Grid points per cell vector so that the spacing along each vector is at most the resolution. */
    static int[] gridShape(double[][] m, double resolution) {
        int[] shape = new int[3];
        for (int d = 0; d < 3; d++) {
            shape[d] = Math.max(1, (int) Math.ceil(norm(m[d]) / resolution - 1e-9));
        }
        return shape;
    }

    static double[] wrap(double[] frac) {
        return new double[] {frac[0] - Math.floor(frac[0]), frac[1] - Math.floor(frac[1]), frac[2] - Math.floor(frac[2])};
    }
}
