package org.cgformer.structure.io.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.cgformer.structure.api.Neighbour;
import org.cgformer.structure.api.NeighbourList;
import org.cgformer.structure.api.Site;
import org.cgformer.structure.api.Structure;

/**
 * Physical sanity checks the readers apply to every structure they read, beyond what the model
 * itself refuses (see docs/structures.md): too little volume per atom is refused, sites that overlap
 * are reported as a warning (an error in strict mode).
 */
public final class StructureChecks {

    /**
     * Cells with less volume than this per atom (cubic Angstrom; atoms occupancy-weighted) are refused.
     * The densest solids lie far above (diamond 5.7, hydrogen at 300 GPa about 1.5); a cell below it is a
     * unit mistake or a typo (a = 0.0001 Angstrom), and featurizing it would find thousands of neighbours.
     */
    public static final double MINIMUM_VOLUME_PER_ATOM = 1.0;
    /**
     * Sites closer than this (Angstrom), periodic images included, overlap. The shortest real bonds (O-H,
     * 0.96; H2, 0.74) lie above it; closer sites are a misplaced coordinate or a site listed twice. Disordered
     * sites that share a position or sit closer (split sites) are legitimate when their occupancies sum to at
     * most 1 (within {@link Site#OCCUPANCY_TOLERANCE}): they are alternatives, never occupied together.
     */
    public static final double MINIMUM_SITE_DISTANCE_ANGSTROM = 0.5;
    /** Pairs quoted in one warning; the rest are counted. */
    private static final int QUOTED_PAIRS = 3;
    /** Fractional grid (1 / this) on which sites at exactly the same position are found. */
    private static final double DUPLICATE_GRID = 1e8;

    private StructureChecks() {
    }

    /** Two overlapping sites: indexes {@code first <= second} (equal for a site and its own periodic image). */
    public record ClosePair(int first, int second, double distance) {
    }

    /** Null when the cell holds at least {@link #MINIMUM_VOLUME_PER_ATOM} per atom, else why not. */
    public static String volumePerAtomProblem(Structure structure) {
        double atoms = structure.composition().numberOfAtoms();
        double perAtom = structure.volume() / atoms;
        if (atoms > 0 && !(perAtom >= MINIMUM_VOLUME_PER_ATOM)) {
            return String.format(Locale.ROOT, "cell volume %.4g cubic Angstrom for %s atoms is %.3g per atom, below the "
                    + "minimum %s (cell %s)", structure.volume(), trim(atoms), perAtom, trim(MINIMUM_VOLUME_PER_ATOM),
                    structure.lattice());
        }
        return null;
    }

    /**
     * Pairs of sites closer than {@link #MINIMUM_SITE_DISTANCE_ANGSTROM} whose occupancies sum to more than 1,
     * and sites closer than that to their own periodic image, closest first; one entry per pair of sites.
     */
    public static List<ClosePair> overlappingSites(Structure structure) {
        Map<Long, ClosePair> closest = new HashMap<>();
        NeighbourList neighbours = NeighbourList.of(structure, MINIMUM_SITE_DISTANCE_ANGSTROM);
        for (int i = 0; i < structure.size(); i++) {
            for (Neighbour n : neighbours.neighbours(i)) {
                if (n.index() >= i && n.distance() < MINIMUM_SITE_DISTANCE_ANGSTROM && overlap(structure, i, n.index())) {
                    closest.merge(key(i, n.index()), new ClosePair(i, n.index(), n.distance()),
                            (a, b) -> a.distance() <= b.distance() ? a : b);
                }
            }
        }
        // the neighbour search skips sites at the very same position (it takes them for the site itself)
        Map<List<Long>, Integer> seen = new HashMap<>();
        for (int j = 0; j < structure.size(); j++) {
            Integer i = seen.putIfAbsent(gridKey(structure.site(j)), j);
            if (i != null && overlap(structure, i, j)) {
                closest.put(key(i, j), new ClosePair(i, j, 0));
            }
        }
        List<ClosePair> pairs = new ArrayList<>(closest.values());
        pairs.sort(Comparator.comparingDouble(ClosePair::distance).thenComparingInt(ClosePair::first));
        return pairs;
    }

    /** {@code 1 pair of sites closer than 0.5 Angstrom …: 'Na1' (0, 0, 0) and 'Cl1' (0.0177, 0, 0) 0.100 Angstrom apart …}. */
    public static String describe(Structure structure, List<ClosePair> pairs) {
        StringBuilder text = new StringBuilder();
        text.append(pairs.size()).append(pairs.size() == 1 ? " pair" : " pairs").append(" of sites closer than ")
                .append(trim(MINIMUM_SITE_DISTANCE_ANGSTROM)).append(" Angstrom with occupancies summing above 1: ");
        for (int k = 0; k < Math.min(QUOTED_PAIRS, pairs.size()); k++) {
            ClosePair p = pairs.get(k);
            Site a = structure.site(p.first());
            Site b = structure.site(p.second());
            text.append(k > 0 ? "; " : "");
            if (p.first() == p.second()) {
                text.append(String.format(Locale.ROOT, "'%s' and its own periodic image %.3f Angstrom apart (a "
                        + "lattice translation that short)", a.label(), p.distance()));
            } else {
                text.append(String.format(Locale.ROOT, "'%s' %s and '%s' %s %.3f Angstrom apart (occupancies %s + %s)", a.label(),
                        coordinates(a), b.label(), coordinates(b), p.distance(), trim(a.totalOccupancy()),
                        trim(b.totalOccupancy())));
            }
        }
        if (pairs.size() > QUOTED_PAIRS) {
            text.append("; and ").append(pairs.size() - QUOTED_PAIRS).append(" more");
        }
        return text.toString();
    }

    /** Same site (own image, always an overlap) or two sites that cannot both be occupied. */
    private static boolean overlap(Structure structure, int i, int j) {
        return i == j || structure.site(i).totalOccupancy() + structure.site(j).totalOccupancy() > 1 + Site.OCCUPANCY_TOLERANCE;
    }

    private static long key(int i, int j) {
        return ((long) Math.min(i, j) << 32) | Math.max(i, j);
    }

    private static List<Long> gridKey(Site site) {
        double[] wrapped = Structure.wrap(site.fracCoords());
        List<Long> key = new ArrayList<>(3);
        for (double w : wrapped) {
            long cell = Math.round(w * DUPLICATE_GRID);
            key.add(cell == (long) DUPLICATE_GRID ? 0 : cell);
        }
        return key;
    }

    private static String coordinates(Site site) {
        return String.format(Locale.ROOT, "(%.4f, %.4f, %.4f)", site.x(), site.y(), site.z());
    }

    private static String trim(double value) {
        return new java.math.BigDecimal(value).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
