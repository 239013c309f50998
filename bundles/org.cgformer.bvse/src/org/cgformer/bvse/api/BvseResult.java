package org.cgformer.bvse.api;

import java.util.List;

/**
 * Migration barriers of one structure and the landscape they come from. Energies are in eV,
 * relative to the lowest grid point of the landscape. A barrier is {@code null} when the low-energy
 * region never spans the crystal in that many dimensions.
 *
 * @param mobileIon e.g. {@code Na+}
 * @param resolutionAngstrom grid spacing asked for
 * @param ea1D lowest energy at which a connected region spans the crystal in at least one direction
 * @param ea2D same, in at least two independent directions
 * @param ea3D same, in three independent directions (bulk ionic conduction)
 * @param siteEnergies energy of the mobile ion on each of its sites in the structure
 * @param landscape the energy grid (unshifted), for {@code .cube} export and plots
 */
public record BvseResult(String mobileIon, double resolutionAngstrom, Double ea1D, Double ea2D, Double ea3D,
        List<SiteEnergy> siteEnergies, EnergyLandscape landscape) {

    /** Energy convention printed with the barriers (see DESIGN.md, "BVSE"). */
    public static final String CONVENTION = "softBV: E = 1/2 sum_anions occ D0[(exp(alpha(Rmin-R))-1)^2-1]"
            + " + 14.4 s sum_cations!=A occ (qA/sqrt(nA))(qC/sqrt(nC))/R erfc(R/(0.74(rA+rC))), cutoff 10 A;"
            + " s keeps the scaled charges of the cell neutral";

    /** Energy of the mobile ion placed on one of its crystallographic sites. */
    public record SiteEnergy(String label, double[] fracCoords, double energy) {
    }
}
