package org.cgformer.structure.api;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A site of a periodic structure: a label, fractional coordinates and the species on it with their
 * occupancies (a disordered site holds several species, or occupancies below 1). Immutable.
 */
public final class Site {

    /** Total occupancies above 1 by more than this are refused. */
    public static final double OCCUPANCY_TOLERANCE = 1e-3;

    private final String label;
    private final double[] fracCoords;
    private final Map<Species, Double> occupancies;

    private Site(String label, double[] fracCoords, Map<Species, Double> occupancies) {
        this.label = label;
        this.fracCoords = fracCoords;
        this.occupancies = occupancies;
    }

    /**
     * A site; {@code occupancies} maps each species to its occupancy in (0, 1] and must not be empty,
     * nor sum to more than 1 (beyond {@link #OCCUPANCY_TOLERANCE}).
     */
    public static Site of(String label, double[] fracCoords, Map<Species, Double> occupancies) {
        if (fracCoords.length != 3) {
            throw new StructureException("site '" + label + "' has " + fracCoords.length + " coordinates, not 3");
        }
        for (double c : fracCoords) {
            if (!Double.isFinite(c)) {
                throw new StructureException("site '" + label + "' has coordinate " + c + " in "
                        + Arrays.toString(fracCoords));
            }
        }
        if (occupancies.isEmpty()) {
            throw new StructureException("site '" + label + "' has no species");
        }
        double total = 0;
        for (Map.Entry<Species, Double> e : occupancies.entrySet()) {
            double occupancy = e.getValue();
            if (!(occupancy > 0) || Double.isInfinite(occupancy)) {
                throw new StructureException("site '" + label + "': occupancy " + occupancy + " of " + e.getKey()
                        + " must be above 0");
            }
            total += occupancy;
        }
        if (total > 1 + OCCUPANCY_TOLERANCE) {
            throw new StructureException("site '" + label + "': occupancies " + occupancies + " sum to " + Formats.number(total) + " > 1");
        }
        return new Site(label, fracCoords.clone(), Collections.unmodifiableMap(new LinkedHashMap<>(occupancies)));
    }

    /** A fully occupied site of one species. */
    public static Site of(String label, Species species, double x, double y, double z) {
        return of(label, new double[] {x, y, z}, Map.of(species, 1.0));
    }

    public String label() {
        return label;
    }

    /** A copy of the fractional coordinates. */
    public double[] fracCoords() {
        return fracCoords.clone();
    }

    public double x() {
        return fracCoords[0];
    }

    public double y() {
        return fracCoords[1];
    }

    public double z() {
        return fracCoords[2];
    }

    /** Species to occupancy, in insertion order. */
    public Map<Species, Double> occupancies() {
        return occupancies;
    }

    public double totalOccupancy() {
        return occupancies.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** One species, fully occupied. */
    public boolean isOrdered() {
        return occupancies.size() == 1 && Math.abs(occupancies.values().iterator().next() - 1) < 1e-8;
    }

    /** The species with the largest occupancy (the first of equals). */
    public Species majoritySpecies() {
        Species best = null;
        double bestOccupancy = -1;
        for (Map.Entry<Species, Double> e : occupancies.entrySet()) {
            if (e.getValue() > bestOccupancy) {
                best = e.getKey();
                bestOccupancy = e.getValue();
            }
        }
        return best;
    }

    /** Occupancy-weighted element amounts of this site. */
    public Map<Element, Double> elementOccupancies() {
        Map<Element, Double> amounts = new LinkedHashMap<>();
        occupancies.forEach((species, occupancy) -> amounts.merge(species.element(), occupancy, Double::sum));
        return amounts;
    }

    /** Occupancy-weighted mean electronegativity (pymatgen's {@code average_electroneg}). */
    public double averageElectronegativity() {
        double sum = 0;
        double total = 0;
        for (Map.Entry<Species, Double> e : occupancies.entrySet()) {
            sum += e.getKey().element().electronegativity() * e.getValue();
            total += e.getValue();
        }
        return sum / total;
    }

    public Site withFracCoords(double[] newFracCoords) {
        return of(label, newFracCoords, occupancies);
    }

    public Site withOccupancies(Map<Species, Double> newOccupancies) {
        return of(label, fracCoords, newOccupancies);
    }

    public Site withLabel(String newLabel) {
        return new Site(newLabel, fracCoords, occupancies);
    }

    /** {@code Na1 Na+:0.667 [0.5, 0.25, 0.1]}. */
    @Override
    public String toString() {
        StringJoiner species = new StringJoiner(",");
        occupancies.forEach((s, o) -> species.add(o == 1.0 ? s.toString() : s + ":" + Formats.number(o)));
        return label + " " + species + " " + Arrays.toString(fracCoords);
    }
}
