package org.cgformer.design.structure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cgformer.design.api.DesignException;
import org.cgformer.structure.api.Species;
import org.cgformer.structure.api.Structure;

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

    /**
     * The host as read by the installed structure readers (symmetry already expanded, coincident
     * sites merged into mixed sites such as Si 2/3 + P 1/3). Every species needs an oxidation
     * state: the decorations are ranked by their Ewald energy with these formal charges.
     */
    static HostCell of(Structure host, String source) throws DesignException {
        List<Site> sites = new ArrayList<>();
        for (org.cgformer.structure.api.Site site : host.sites()) {
            Map<String, Double> occupancy = new LinkedHashMap<>();
            Map<String, Integer> charges = new LinkedHashMap<>();
            for (Map.Entry<Species, Double> entry : site.occupancies().entrySet()) {
                Species species = entry.getKey();
                if (!species.hasOxidationState()) {
                    throw new DesignException("host structure " + source + ": site " + site.label() + " (" + species.symbol()
                            + ") has no oxidation state; structure generation needs formal charges for the Ewald ranking");
                }
                occupancy.merge(species.symbol(), entry.getValue(), Double::sum);
                charges.put(species.symbol(), (int) Math.round(species.oxidationState().getAsDouble()));
            }
            sites.add(new Site(site.label(), occupancy, charges, site.fracCoords()));
        }
        return new HostCell(host.lattice().abc(), host.lattice().angles(), sites);
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
