package org.cgformer.bvse.internal;

import java.util.ArrayList;
import java.util.List;

import org.cgformer.bvse.api.BvseException;
import org.cgformer.bvse.api.BvseOptions;
import org.cgformer.bvse.api.IonSite;

/**
 * The framework the mobile ion moves in, reduced to per-ion constants of the softBV energy
 * (DESIGN.md, "BVSE"):
 *
 * <pre>
 * E(r) = ½ Σ_anions occ·D0·[(exp(α(Rmin − R)) − 1)² − 1]
 *      + 14.4 eV·Å · s · Σ_cations≠A occ·(qA/√nA)(qC/√nC)/R · erfc(R / (0.74 (rA + rC)))
 * </pre>
 *
 * where s = −Σ_anions(q/√n·occ) / Σ_cations(q/√n·occ) over the cell keeps the scaled charges
 * neutral. Cations of the mobile element are the mobile ions themselves and do not repel.
 */
final class BvseFramework {

    /** e²/(4πε0) in eV·Å. */
    static final double COULOMB_EV_ANGSTROM = 14.4;
    /** Screening length = this × (rA + rC), as in the softBV/ccnb convention. */
    static final double SCREENING_FACTOR = 0.74;
    /** erfc(4.5) = 2e-10: beyond 4.5 screening lengths a cation's repulsion is below 1e-9 eV. */
    static final double SCREENED_RANGE = 4.5;

    final double[][] lattice;
    final List<Centre> centres;
    final String mobileIon;

    /**
     * One framework ion. Anions: {@code strength} = ½·occ·D0 with rMin and alpha. Cations:
     * {@code strength} = 14.4·s·(qA/√nA)(qC/√nC)·occ, {@code screening} = 0.74 (rA + rC), and
     * {@code exclusion} = rC (grid points closer than that are inside the ion).
     */
    record Centre(double[] fracCoords, boolean anion, double strength, double rMin, double alpha, double screening,
            double exclusion, double cutoff, String label) {
    }

    private BvseFramework(double[][] lattice, List<Centre> centres, String mobileIon) {
        this.lattice = lattice;
        this.centres = centres;
        this.mobileIon = mobileIon;
    }

    static BvseFramework of(double[][] lattice, List<IonSite> sites, BvseOptions options, SoftBvTable table)
            throws BvseException {
        String mobile = options.mobileElement();
        int mobileCharge = options.mobileCharge();
        SoftBvTable.Ion mobileIon = table.ion(mobile, mobileCharge);
        if (mobileIon == null) {
            throw new BvseException("no softBV ion data for the mobile ion " + ion(mobile, mobileCharge) + " in "
                    + SoftBvTable.ION_FILE);
        }
        if (sites.stream().noneMatch(s -> s.symbol().equals(mobile))) {
            throw new BvseException("the structure contains no " + mobile + ": nothing to move");
        }
        double scale = chargeScale(sites, table);
        double mobileScaledCharge = mobileCharge / Math.sqrt(mobileIon.principalQuantumNumber());
        List<Centre> centres = new ArrayList<>();
        for (IonSite site : sites) {
            if (site.symbol().equals(mobile)) {
                continue;
            }
            centres.add(site.isAnion() ? anion(site, mobile, mobileCharge, options, table)
                    : cation(site, mobileIon, mobileScaledCharge, scale, options, table));
        }
        if (centres.stream().noneMatch(Centre::anion)) {
            throw new BvseException("the structure has no anions (no site with a negative oxidation state)");
        }
        return new BvseFramework(lattice, centres, ion(mobile, mobileCharge));
    }

    private static Centre anion(IonSite site, String mobile, int mobileCharge, BvseOptions options, SoftBvTable table)
            throws BvseException {
        SoftBvTable.Pair pair = table.pair(mobile, mobileCharge, site.symbol(), site.oxidationState());
        if (pair == null) {
            throw new BvseException("no softBV parameters for the pair " + ion(mobile, mobileCharge) + "–"
                    + ion(site.symbol(), site.oxidationState()) + " (site " + site.label() + ") in " + SoftBvTable.PAIR_FILE);
        }
        return new Centre(site.fracCoords(), true, 0.5 * site.occupancy() * pair.d0(), pair.rMin(), pair.alpha(), 0, 0,
                options.cutoffAngstrom(), site.label());
    }

    private static Centre cation(IonSite site, SoftBvTable.Ion mobileIon, double mobileScaledCharge, double scale,
            BvseOptions options, SoftBvTable table) throws BvseException {
        SoftBvTable.Ion ion = requireIon(site, table);
        double strength = COULOMB_EV_ANGSTROM * scale * mobileScaledCharge
                * (site.oxidationState() / Math.sqrt(ion.principalQuantumNumber())) * site.occupancy();
        double screening = SCREENING_FACTOR * (mobileIon.radius() + ion.radius());
        double cutoff = Math.min(options.cutoffAngstrom(), SCREENED_RANGE * screening);
        return new Centre(site.fracCoords(), false, strength, 0, 0, screening, ion.radius(), cutoff, site.label());
    }

    /** s = −Σ_anions(q/√n·occ) / Σ_cations(q/√n·occ), all ions of the cell (mobile ones included). */
    private static double chargeScale(List<IonSite> sites, SoftBvTable table) throws BvseException {
        double anions = 0;
        double cations = 0;
        for (IonSite site : sites) {
            double scaled = site.oxidationState() / Math.sqrt(requireIon(site, table).principalQuantumNumber())
                    * site.occupancy();
            if (site.isAnion()) {
                anions += scaled;
            } else {
                cations += scaled;
            }
        }
        if (cations <= 0 || anions >= 0) {
            throw new BvseException("the structure needs both cations and anions with oxidation states");
        }
        return -anions / cations;
    }

    private static SoftBvTable.Ion requireIon(IonSite site, SoftBvTable table) throws BvseException {
        if (site.oxidationState() == 0) {
            throw new BvseException("site " + site.label() + " (" + site.symbol()
                    + ") has no oxidation state; BVSE needs one for every ion");
        }
        SoftBvTable.Ion ion = table.ion(site.symbol(), site.oxidationState());
        if (ion == null) {
            throw new BvseException("no softBV ion data for " + ion(site.symbol(), site.oxidationState()) + " (site "
                    + site.label() + ") in " + SoftBvTable.ION_FILE);
        }
        return ion;
    }

    static String ion(String symbol, int charge) {
        String sign = charge < 0 ? "-" : "+";
        int magnitude = Math.abs(charge);
        return symbol + (magnitude == 1 ? "" : Integer.toString(magnitude)) + sign;
    }
}
