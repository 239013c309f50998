package org.cgformer.structure.api;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import org.cgformer.structure.internal.ElementTable;

/**
 * A chemical element with the data of pymatgen's periodic table (shipped in this bundle's
 * {@code data/}). Instances are unique per symbol, so {@code ==} and {@code equals} agree.
 */
public final class Element implements Comparable<Element> {

    /** Shannon (1976) radii, Angstrom, of one ion in one coordination. */
    public record ShannonRadius(int charge, String coordination, String spin, double crystalRadius, double ionicRadius) {
    }

    private final String symbol;
    private final String name;
    private final int atomicNumber;
    private final double atomicMass;
    private final double electronegativity;
    private final double atomicRadius;
    private final List<Integer> oxidationStates;
    private final List<Integer> commonOxidationStates;
    private final List<Integer> icsdOxidationStates;
    private final Map<Integer, Double> ionicRadii;
    private final List<ShannonRadius> shannonRadii;

    /** Built by {@link ElementTable} only; use {@link #of(String)}. */
    public Element(String symbol, String name, int atomicNumber, double atomicMass, double electronegativity,
            double atomicRadius, List<Integer> oxidationStates, List<Integer> commonOxidationStates,
            List<Integer> icsdOxidationStates, Map<Integer, Double> ionicRadii, List<ShannonRadius> shannonRadii) {
        this.symbol = symbol;
        this.name = name;
        this.atomicNumber = atomicNumber;
        this.atomicMass = atomicMass;
        this.electronegativity = electronegativity;
        this.atomicRadius = atomicRadius;
        this.oxidationStates = List.copyOf(oxidationStates);
        this.commonOxidationStates = List.copyOf(commonOxidationStates);
        this.icsdOxidationStates = List.copyOf(icsdOxidationStates);
        this.ionicRadii = Map.copyOf(ionicRadii);
        this.shannonRadii = List.copyOf(shannonRadii);
    }

    /** The element with this symbol ({@code "Na"}), exactly as capitalised in the periodic table. */
    public static Element of(String symbol) {
        Element element = ElementTable.instance().bySymbol(symbol);
        if (element == null) {
            throw new StructureException("unknown element '" + symbol + "'");
        }
        return element;
    }

    /** The element with atomic number {@code z} (1..118). */
    public static Element ofAtomicNumber(int z) {
        Element element = ElementTable.instance().byAtomicNumber(z);
        if (element == null) {
            throw new StructureException("no element with atomic number " + z);
        }
        return element;
    }

    /** The element with this symbol, or empty. */
    public static Optional<Element> find(String symbol) {
        return Optional.ofNullable(ElementTable.instance().bySymbol(symbol));
    }

    public static boolean isValidSymbol(String symbol) {
        return ElementTable.instance().bySymbol(symbol) != null;
    }

    /** All 118 elements by increasing atomic number. */
    public static Collection<Element> all() {
        return ElementTable.instance().all();
    }

    public String symbol() {
        return symbol;
    }

    public String name() {
        return name;
    }

    /** Z. */
    public int atomicNumber() {
        return atomicNumber;
    }

    /** Standard atomic mass in atomic mass units. */
    public double atomicMass() {
        return atomicMass;
    }

    /** Pauling electronegativity X; NaN for the noble gases and superheavy elements that have none. */
    public double electronegativity() {
        return electronegativity;
    }

    /** Empirical atomic radius (Slater 1964) in Angstrom, NaN when unknown. */
    public double atomicRadius() {
        return atomicRadius;
    }

    /**
     * Covalent radius in Angstrom. The shipped pymatgen table holds no covalent radii, so this falls
     * back to {@link #atomicRadius()} (Slater's radii are close to covalent ones for most elements).
     */
    public double covalentRadius() {
        return atomicRadius;
    }

    /** Period (row) in the periodic table; lanthanides 8 and actinides 9, as pymatgen. */
    public int row() {
        return ElementTable.row(atomicNumber);
    }

    /** IUPAC group 1..18 (lanthanides and actinides 3), as pymatgen. */
    public int group() {
        return ElementTable.group(atomicNumber);
    }

    /** All known oxidation states. */
    public List<Integer> oxidationStates() {
        return oxidationStates;
    }

    /** The common oxidation states. */
    public List<Integer> commonOxidationStates() {
        return commonOxidationStates;
    }

    /** Oxidation states seen in the ICSD. */
    public List<Integer> icsdOxidationStates() {
        return icsdOxidationStates;
    }

    /** Ionic radius in Angstrom for this charge (pymatgen's "Ionic radii", high spin where it matters). */
    public OptionalDouble ionicRadius(int charge) {
        Double radius = ionicRadii.get(charge);
        return radius == null ? OptionalDouble.empty() : OptionalDouble.of(radius);
    }

    /** All Shannon radii of this element. */
    public List<ShannonRadius> shannonRadii() {
        return shannonRadii;
    }

    /**
     * Shannon ionic radius in Angstrom for this charge and coordination (Roman numeral, e.g.
     * {@code "VI"}); where spin states differ the high-spin value is given.
     */
    public OptionalDouble shannonRadius(int charge, String coordination) {
        ShannonRadius best = null;
        for (ShannonRadius radius : shannonRadii) {
            if (radius.charge() == charge && radius.coordination().equals(coordination)
                    && (best == null || !radius.spin().equals("Low Spin"))) {
                best = radius;
            }
        }
        return best == null ? OptionalDouble.empty() : OptionalDouble.of(best.ionicRadius());
    }

    /** Orders by atomic number. */
    @Override
    public int compareTo(Element other) {
        return Integer.compare(atomicNumber, other.atomicNumber);
    }

    @Override
    public String toString() {
        return symbol;
    }
}
