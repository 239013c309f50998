package org.cgformer.bvse.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.cgformer.structure.api.BondValenceAnalyzer;
import org.cgformer.structure.api.Site;
import org.cgformer.structure.api.Species;
import org.cgformer.structure.api.Structure;
import org.cgformer.structure.api.StructureException;

/**
 * The ions of a {@link Structure} as BVSE needs them: every species with an integer oxidation
 * state and its occupancy. Oxidation states come from the file; when the file has none they are
 * guessed from bond-valence sums (pymatgen's method), and the result says so.
 *
 * @param lattice cell vectors as rows, Å
 * @param sites one entry per species of each site
 * @param oxidationStatesGuessed whether the oxidation states were guessed rather than read
 */
public record StructureIons(double[][] lattice, List<IonSite> sites, boolean oxidationStatesGuessed) {

    /** Oxidation states must be this close to an integer to be used as formal charges. */
    static final double INTEGER_CHARGE_TOLERANCE = 1e-3;

    public static StructureIons of(Structure structure) throws BvseException {
        boolean guessed = !structure.hasOxidationStates();
        Structure charged = guessed ? guessOxidationStates(structure) : structure;
        List<IonSite> sites = new ArrayList<>();
        for (Site site : charged.sites()) {
            for (Map.Entry<Species, Double> entry : site.occupancies().entrySet()) {
                sites.add(new IonSite(entry.getKey().symbol(), charge(site, entry.getKey()), entry.getValue(),
                        site.fracCoords(), site.label()));
            }
        }
        return new StructureIons(charged.lattice().matrix(), sites, guessed);
    }

    private static Structure guessOxidationStates(Structure structure) throws BvseException {
        try {
            return new BondValenceAnalyzer().withOxidationStates(structure);
        } catch (StructureException e) {
            throw new BvseException("the file gives no oxidation states and they could not be guessed: " + e.getMessage());
        }
    }

    private static int charge(Site site, Species species) throws BvseException {
        if (!species.hasOxidationState()) {
            throw new BvseException("site " + site.label() + " (" + species.symbol() + ") has no oxidation state");
        }
        double value = species.oxidationState().getAsDouble();
        long rounded = Math.round(value);
        if (Math.abs(value - rounded) > INTEGER_CHARGE_TOLERANCE || rounded == 0) {
            throw new BvseException("site " + site.label() + " (" + species.symbol() + ") has oxidation state " + value
                    + "; BVSE needs a non-zero integer charge");
        }
        return (int) rounded;
    }
}
