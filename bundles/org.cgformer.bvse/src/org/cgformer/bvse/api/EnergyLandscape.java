package org.cgformer.bvse.api;

/**
 * Site energy of the mobile ion on a periodic grid of {@code shape[0] × shape[1] × shape[2]} points
 * along the cell vectors a, b, c (point (i, j, k) sits at fractional (i/na, j/nb, k/nc)).
 * Points inside a framework cation are {@link Float#POSITIVE_INFINITY}.
 *
 * @param lattice cell vectors as rows, Å
 * @param shape grid points along a, b, c
 * @param energies eV, index {@code (i * nb + j) * nc + k}
 * @param minimum lowest finite energy of the grid, eV
 */
public record EnergyLandscape(double[][] lattice, int[] shape, float[] energies, double minimum) {

    public int index(int i, int j, int k) {
        return (i * shape[1] + j) * shape[2] + k;
    }

    public float energy(int i, int j, int k) {
        return energies[index(i, j, k)];
    }

    public int size() {
        return energies.length;
    }
}
