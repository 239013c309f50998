package org.cgformer.bvse.tests;

import java.util.ArrayList;
import java.util.List;

import org.cgformer.bvse.api.IonSite;

/** Small crystals built by hand, for tests that must not depend on the file readers. */
final class SyntheticCrystals {

    /** NaCl, Fm-3m, a = 5.64 Å (conventional cell: 4 Na at 4a, 4 Cl at 4b). */
    static final double ROCK_SALT_A = 5.64;

    private static final double[][] FCC = {{0, 0, 0}, {0, 0.5, 0.5}, {0.5, 0, 0.5}, {0.5, 0.5, 0}};

    private SyntheticCrystals() {
    }

    static double[][] cubic(double a) {
        return new double[][] {{a, 0, 0}, {0, a, 0}, {0, 0, a}};
    }

    static List<IonSite> rockSalt() {
        List<IonSite> sites = new ArrayList<>();
        for (double[] t : FCC) {
            sites.add(new IonSite("Na", 1, 1.0, t.clone(), "Na1"));
            sites.add(new IonSite("Cl", -1, 1.0, new double[] {t[0] + 0.5, t[1], t[2]}, "Cl1"));
        }
        return sites;
    }

    /** The same sites with every fractional coordinate shifted (a different choice of origin). */
    static List<IonSite> shifted(List<IonSite> sites, double[] shift) {
        return sites.stream().map(s -> new IonSite(s.symbol(), s.oxidationState(), s.occupancy(),
                new double[] {s.fracCoords()[0] + shift[0], s.fracCoords()[1] + shift[1], s.fracCoords()[2] + shift[2]},
                s.label())).toList();
    }

    /** The sites of a cell repeated n times along a (fractional coordinates rescaled to the bigger cell). */
    static List<IonSite> repeatedAlongA(List<IonSite> sites, int n) {
        List<IonSite> repeated = new ArrayList<>();
        for (int copy = 0; copy < n; copy++) {
            for (IonSite s : sites) {
                double[] f = s.fracCoords();
                repeated.add(new IonSite(s.symbol(), s.oxidationState(), s.occupancy(),
                        new double[] {(f[0] + copy) / n, f[1], f[2]}, s.label()));
            }
        }
        return repeated;
    }

    /**
     * One Na in a cage: Na at the cell centre, O on the six faces' centres, Zr at the corners and
     * edge centres. Every way out of the cell passes through an oxygen or a zirconium.
     */
    static List<IonSite> caged() {
        List<IonSite> sites = new ArrayList<>();
        sites.add(new IonSite("Na", 1, 1.0, new double[] {0.5, 0.5, 0.5}, "Na1"));
        sites.add(new IonSite("O", -2, 1.0, new double[] {0.5, 0.5, 0}, "O1"));
        sites.add(new IonSite("O", -2, 1.0, new double[] {0.5, 0, 0.5}, "O1"));
        sites.add(new IonSite("O", -2, 1.0, new double[] {0, 0.5, 0.5}, "O1"));
        sites.add(new IonSite("Zr", 4, 1.0, new double[] {0, 0, 0}, "Zr1"));
        sites.add(new IonSite("Zr", 4, 1.0, new double[] {0.5, 0, 0}, "Zr2"));
        sites.add(new IonSite("Zr", 4, 1.0, new double[] {0, 0.5, 0}, "Zr2"));
        sites.add(new IonSite("Zr", 4, 1.0, new double[] {0, 0, 0.5}, "Zr2"));
        return sites;
    }
}
