package org.cgformer.design.internal.structure;

import java.util.List;
import java.util.Map;

/**
 * The host's conventional cell with every site expanded by symmetry. A site holds one or more
 * elements with occupancies (the NASICON tetrahedral site: Si 2/3 + P 1/3), merged from the CIF
 * rows that share a position.
 *
 * @param lengths Angstrom (a, b, c)
 * @param angles  degrees (alpha, beta, gamma)
 */
record HostCell(double[] lengths, double[] angles, List<Site> sites) {

    /** One position of the expanded cell. */
    record Site(String label, Map<String, Double> occupancy, Map<String, Integer> oxidationStates, double[] fracCoords) {
    }

    /** Lattice vectors as rows, Angstrom, a along x and b in the xy plane. */
    double[][] matrix() {
        double alpha = Math.toRadians(angles[0]);
        double beta = Math.toRadians(angles[1]);
        double gamma = Math.toRadians(angles[2]);
        double cx = Math.cos(beta);
        double cy = (Math.cos(alpha) - Math.cos(beta) * Math.cos(gamma)) / Math.sin(gamma);
        double cz = Math.sqrt(1 - cx * cx - cy * cy);
        return new double[][] {
                {lengths[0], 0, 0},
                {lengths[1] * Math.cos(gamma), lengths[1] * Math.sin(gamma), 0},
                {lengths[2] * cx, lengths[2] * cy, lengths[2] * cz}};
    }
}
