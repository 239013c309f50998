package org.cgformer.structure.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A periodic crystal structure: a {@link Lattice} and its {@link Site}s (pymatgen's
 * {@code IStructure}). Immutable: changes give new structures through {@link #builder()} or the
 * {@code with…} methods.
 */
public final class Structure {

    /** Atomic mass units per cubic Angstrom in grams per cubic centimetre. */
    private static final double AMU_PER_CUBIC_ANGSTROM_IN_G_PER_CM3 = 1.66053906660;

    private final Lattice lattice;
    private final List<Site> sites;

    private Structure(Lattice lattice, List<Site> sites) {
        this.lattice = lattice;
        this.sites = List.copyOf(sites);
    }

    public static Structure of(Lattice lattice, List<Site> sites) {
        if (lattice == null) {
            throw new StructureException("a structure needs a lattice");
        }
        return new Structure(lattice, sites);
    }

    public static Builder builder(Lattice lattice) {
        return new Builder(lattice);
    }

    /** A builder holding this structure's lattice and sites, to change a copy. */
    public Builder toBuilder() {
        Builder builder = new Builder(lattice);
        builder.sites.addAll(sites);
        return builder;
    }

    public Lattice lattice() {
        return lattice;
    }

    public List<Site> sites() {
        return sites;
    }

    public Site site(int index) {
        return sites.get(index);
    }

    /** Number of sites. */
    public int size() {
        return sites.size();
    }

    /** Volume in cubic Angstrom. */
    public double volume() {
        return lattice.volume();
    }

    /** Element amounts per cell, occupancy-weighted (a half-occupied site counts half). */
    public Composition composition() {
        Map<Element, Double> amounts = new LinkedHashMap<>();
        for (Site site : sites) {
            site.elementOccupancies().forEach((element, amount) -> amounts.merge(element, amount, Double::sum));
        }
        return Composition.of(amounts);
    }

    /** {@code Na12 Zr8 Si8 P4 O48} (pymatgen's {@code formula}). */
    public String formula() {
        return composition().formula();
    }

    /** {@code Na3Zr2Si2PO12}. */
    public String reducedFormula() {
        return composition().reducedFormula();
    }

    /** Density in g/cm^3. */
    public double density() {
        return composition().weight() / volume() * AMU_PER_CUBIC_ANGSTROM_IN_G_PER_CM3;
    }

    /** True when every site holds one fully occupied species. */
    public boolean isOrdered() {
        return sites.stream().allMatch(Site::isOrdered);
    }

    /** Cartesian coordinates (Angstrom) of site {@code index}. */
    public double[] cartCoords(int index) {
        return lattice.cartCoords(sites.get(index).fracCoords());
    }

    public Structure withLattice(Lattice newLattice) {
        return new Structure(newLattice, sites);
    }

    public Structure withSites(List<Site> newSites) {
        return new Structure(lattice, newSites);
    }

    /** A copy with every site replaced by {@code change.apply(site)}. */
    public Structure mapSites(UnaryOperator<Site> change) {
        return new Structure(lattice, sites.stream().map(change).toList());
    }

    /** The same structure with every fractional coordinate moved into [0, 1). */
    public Structure wrapped() {
        return mapSites(site -> site.withFracCoords(wrap(site.fracCoords())));
    }

    /** Moves coordinates into [0, 1); values a rounding error below 1 become 0. */
    public static double[] wrap(double[] frac) {
        double[] wrapped = new double[3];
        for (int i = 0; i < 3; i++) {
            double w = frac[i] - Math.floor(frac[i]);
            wrapped[i] = w >= 1 - 1e-12 ? 0 : w;
        }
        return wrapped;
    }

    /** The na x nb x nc supercell; sites are repeated in a-fastest order of cells, labels kept. */
    public Structure supercell(int na, int nb, int nc) {
        if (na < 1 || nb < 1 || nc < 1) {
            throw new StructureException("supercell multiples must be at least 1: " + na + " x " + nb + " x " + nc);
        }
        List<Site> repeated = new ArrayList<>(sites.size() * na * nb * nc);
        for (Site site : sites) {
            for (int i = 0; i < na; i++) {
                for (int j = 0; j < nb; j++) {
                    for (int k = 0; k < nc; k++) {
                        repeated.add(site.withFracCoords(new double[] {
                            (site.x() + i) / na, (site.y() + j) / nb, (site.z() + k) / nc}));
                    }
                }
            }
        }
        return new Structure(lattice.scaled(na, nb, nc), repeated);
    }

    /** Species without oxidation states everywhere. */
    public Structure withoutOxidationStates() {
        return mapSites(site -> {
            Map<Species, Double> plain = new LinkedHashMap<>();
            site.occupancies().forEach((species, o) -> plain.merge(species.withoutOxidationState(), o, Double::sum));
            return site.withOccupancies(plain);
        });
    }

    /** Every species carries an oxidation state. */
    public boolean hasOxidationStates() {
        return sites.stream().allMatch(s -> s.occupancies().keySet().stream().allMatch(Species::hasOxidationState));
    }

    @Override
    public String toString() {
        return formula() + " (" + size() + " sites, " + lattice + ")";
    }

    /** Collects sites for a new structure. */
    public static final class Builder {
        private Lattice lattice;
        private final List<Site> sites = new ArrayList<>();

        private Builder(Lattice lattice) {
            this.lattice = lattice;
        }

        public Builder lattice(Lattice newLattice) {
            this.lattice = newLattice;
            return this;
        }

        public Builder addSite(Site site) {
            sites.add(site);
            return this;
        }

        /** A fully occupied site of {@code species} at fractional x, y, z. */
        public Builder addSite(String label, Species species, double x, double y, double z) {
            return addSite(Site.of(label, species, x, y, z));
        }

        public Builder addSite(String label, double[] fracCoords, Map<Species, Double> occupancies) {
            return addSite(Site.of(label, fracCoords, occupancies));
        }

        public Structure build() {
            return Structure.of(lattice, sites);
        }
    }
}
