package org.cgformer.stability.ehull;

import java.util.List;
import java.util.Locale;

import org.cgformer.design.api.DesignException;
import org.cgformer.design.structure.AverageStructure;
import org.cgformer.design.structure.GeneratedStructure;
import org.cgformer.design.structure.StructureGenerator;
import org.cgformer.design.structure.StructureGenerator.SiteOccupation;
import org.cgformer.stability.api.NasiconComposition;
import org.cgformer.stability.api.NasiconException;
import org.cgformer.structure.api.Site;
import org.cgformer.structure.api.Species;
import org.cgformer.structure.api.Structure;

/**
 * Ordered NASICON structures for compositions Na_x M M' (XO4)3 on the R-3c framework of a host such
 * as Na4Zr2Si3O12, made by the design-space structure generator: the M cations on the host's Zr
 * site, the X cations on its Si site, x Na on its Na sites, the lowest-Ewald-energy decoration of K
 * random ones; the lattice kept or scaled isotropically by {@link NasiconComposition#latticeScale()}.
 */
public final class NasiconStructures {

    /** How the lattice of a generated structure relates to the host's. */
    public enum LatticeMode {
        /** The host's lattice for every composition: only the species differ. */
        KEPT,
        /** The host's lattice scaled by the ratio of mean framework bond lengths from Shannon radii. */
        SCALED;

        public static LatticeMode parse(String text) {
            try {
                return valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("lattice mode '" + text + "': use scaled or kept");
            }
        }
    }

    /** Host element whose site takes the M cations, and the one whose site takes the X cations. */
    static final String HOST_M_ELEMENT = "Zr";
    static final String HOST_X_ELEMENT = "Si";

    private final StructureGenerator generator;
    private final String mSiteLabel;
    private final String xSiteLabel;
    private final LatticeMode latticeMode;
    private final int decorations;

    /**
     * @param host a NASICON with Zr on the octahedral and Si on the tetrahedral site, every species with its oxidation state
     * @param source where the host came from (for messages)
     * @param decorations random decorations per structure, the lowest Ewald energy wins
     */
    public NasiconStructures(Structure host, String source, LatticeMode latticeMode, int decorations) throws NasiconException {
        this(host, source, latticeMode, decorations, StructureGenerator.Cell.CONVENTIONAL);
    }

    /**
     * @param host a NASICON with Zr on the octahedral and Si on the tetrahedral site, every species with its oxidation state
     * @param source where the host came from (for messages)
     * @param decorations random decorations per structure, the lowest Ewald energy wins
     * @param cell which multiple of the host the supercells are made of (the primitive cell: a third of the sites)
     */
    public NasiconStructures(Structure host, String source, LatticeMode latticeMode, int decorations, StructureGenerator.Cell cell)
            throws NasiconException {
        if (decorations < 1) {
            throw new IllegalArgumentException("decorations must be at least 1, got " + decorations);
        }
        this.mSiteLabel = labelOf(host, HOST_M_ELEMENT, source);
        this.xSiteLabel = labelOf(host, HOST_X_ELEMENT, source);
        this.latticeMode = latticeMode;
        this.decorations = decorations;
        try {
            StructureGenerator probe = StructureGenerator.forFramework(host, source, "Na", 1, 1, cell);
            double formulaUnits = probe.sitesPerCell(mSiteLabel) / (double) NasiconComposition.M_SITES_PER_FORMULA_UNIT;
            this.generator = StructureGenerator.forFramework(host, source, "Na", 1, formulaUnits, cell);
        } catch (DesignException e) {
            throw new NasiconException(e.getMessage(), e);
        }
    }

    private static String labelOf(Structure host, String element, String source) throws NasiconException {
        for (Site site : host.sites()) {
            for (Species species : site.occupancies().keySet()) {
                if (species.symbol().equals(element) && site.occupancies().size() == 1) {
                    return site.label();
                }
            }
        }
        throw new NasiconException(source + " has no site fully occupied by " + element + "; the NASICON host needs "
                + HOST_M_ELEMENT + " on the octahedral and " + HOST_X_ELEMENT + " on the tetrahedral site");
    }

    public LatticeMode latticeMode() {
        return latticeMode;
    }

    /**
     * The ordered structure of {@code composition}, the decoration chosen with {@code seed}.
     *
     * @throws NasiconException when no supercell of up to 12 host cells holds the counts exactly, or a radius is missing
     */
    public GeneratedStructure build(NasiconComposition composition, long seed) throws NasiconException {
        try {
            GeneratedStructure structure = generator.generateSites(occupations(composition), composition.sodium(), decorations, seed);
            return latticeMode == LatticeMode.SCALED ? structure.scaled(composition.latticeScale()) : structure;
        } catch (DesignException e) {
            throw new NasiconException(composition.formula() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The CIF of {@code composition} in this generator's cell: the ordered decoration chosen with {@code seed}, or, for
     * {@link StructureGenerator.Cell#OCCUPANCY}, the occupancy-weighted cell (the same for every seed).
     *
     * @throws NasiconException as {@link #build}
     * @since 1.1
     */
    public Made make(NasiconComposition composition, long seed, String name) throws NasiconException {
        if (generator.cell().ordered()) {
            GeneratedStructure structure = build(composition, seed);
            return new Made(structure.toCif(name), structure.species().size(), structure.ewaldEnergy());
        }
        try {
            AverageStructure structure = generator.averageSites(occupations(composition), composition.sodium());
            structure = latticeMode == LatticeMode.SCALED ? structure.scaled(composition.latticeScale()) : structure;
            return new Made(structure.toCif(name), structure.sites().size(), Double.NaN);
        } catch (DesignException e) {
            throw new NasiconException(composition.formula() + ": " + e.getMessage(), e);
        }
    }

    /**
     * A made structure: its CIF, its number of sites and the Ewald energy of its decoration (eV per cell; NaN for an
     * occupancy-weighted cell, which has no decoration).
     *
     * @since 1.1
     */
    public record Made(String cif, int sites, double ewaldEnergy) {
    }

    /** The composition's M and X site shares on the host's Zr and Si sites. */
    private List<SiteOccupation> occupations(NasiconComposition composition) {
        return List.of(occupation(mSiteLabel, composition.mSite()), occupation(xSiteLabel, composition.xSite()));
    }

    private static SiteOccupation occupation(String label, List<NasiconComposition.Share> shares) {
        return new SiteOccupation(label, shares.stream().map(NasiconComposition.Share::element).toList(),
                shares.stream().map(NasiconComposition.Share::fraction).toList(),
                shares.stream().map(NasiconComposition.Share::oxidationState).toList());
    }
}
