package org.cgformer.structure.api;

/**
 * A neighbour of a site: site {@code index} translated by the lattice vector
 * {@code (imageA, imageB, imageC)}, at {@code distance} Angstrom; {@code (dx, dy, dz)} is the
 * Cartesian vector from the centre site to it. Images are relative to the sites' coordinates as
 * stored (not wrapped), as in pymatgen's {@code get_all_neighbors}.
 */
public record Neighbour(int index, int imageA, int imageB, int imageC, double distance, double dx, double dy, double dz) {

    /** {imageA, imageB, imageC}. */
    public int[] image() {
        return new int[] {imageA, imageB, imageC};
    }
}
