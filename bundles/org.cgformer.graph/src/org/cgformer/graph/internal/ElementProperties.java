package org.cgformer.graph.internal;

import org.cgformer.structure.api.Element;

/** Element properties that the structure bundle's {@link Element} does not give directly. */
final class ElementProperties {

    /** Atomic numbers that close periods 1..7 (noble gases). */
    private static final int[] PERIOD_ENDS = {2, 10, 18, 36, 54, 86, 118};

    private ElementProperties() {
    }

    /** Period 1..7 from the atomic number (lanthanides in 6, actinides in 7). */
    static int period(Element element) {
        int z = element.atomicNumber();
        for (int p = 0; p < PERIOD_ENDS.length; p++) {
            if (z <= PERIOD_ENDS[p]) {
                return p + 1;
            }
        }
        return PERIOD_ENDS.length;
    }

    /**
     * Valence electrons counted from the group: groups 1–12 → the group number (s + d electrons),
     * 13–18 → group − 10 (s + p), helium 2; lanthanides and actinides 3.
     */
    static int valenceElectrons(Element element) {
        int z = element.atomicNumber();
        if (z == 2) {
            return 2;
        }
        if ((z >= 57 && z <= 71) || (z >= 89 && z <= 103)) {
            return 3;
        }
        int group = element.group();
        return group <= 12 ? group : group - 10;
    }

    /** Pauling electronegativity, 0 where the table has none (noble gases). */
    static double electronegativity(Element element) {
        double x = element.electronegativity();
        return Double.isFinite(x) ? x : 0;
    }

    /** Covalent radius in Å, 0 where unknown. */
    static double covalentRadius(Element element) {
        double r = element.covalentRadius();
        return Double.isFinite(r) ? r : 0;
    }

    /**
     * Ionic radius in Å at this oxidation state (pymatgen's ionic radii); for a charge of 0 or one
     * the table does not list (rounded to the nearest integer), the covalent radius.
     */
    static double ionicRadius(Element element, double oxidationState) {
        long charge = Math.round(oxidationState);
        if (charge != 0) {
            java.util.OptionalDouble r = element.ionicRadius((int) charge);
            if (r.isPresent() && Double.isFinite(r.getAsDouble())) {
                return r.getAsDouble();
            }
        }
        return covalentRadius(element);
    }
}
