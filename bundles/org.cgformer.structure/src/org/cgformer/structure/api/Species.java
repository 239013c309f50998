package org.cgformer.structure.api;

import java.util.Objects;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An element, optionally with an oxidation state ({@code Zr4+}, {@code O2-}); pymatgen's {@code Species}. */
public final class Species implements Comparable<Species> {

    private static final Pattern SYMBOL_WITH_CHARGE = Pattern.compile("([A-Z][a-z]?)(\\d*(?:\\.\\d+)?)([+-]?)");

    private final Element element;
    /** NaN when the oxidation state is unknown. */
    private final double oxidationState;

    private Species(Element element, double oxidationState) {
        this.element = Objects.requireNonNull(element, "element");
        this.oxidationState = oxidationState;
    }

    /** The element without oxidation state. */
    public static Species of(Element element) {
        return new Species(element, Double.NaN);
    }

    public static Species of(Element element, double oxidationState) {
        if (!Double.isFinite(oxidationState)) {
            throw new StructureException("oxidation state " + oxidationState + " of " + element + " is not a number");
        }
        return new Species(element, oxidationState);
    }

    public static Species of(String symbol) {
        return of(Element.of(symbol));
    }

    /**
     * Parses {@code Na}, {@code Na+}, {@code Zr4+}, {@code O2-} or {@code Fe2.5+} (pymatgen's
     * {@code Species.from_str}); a digit without sign is an error.
     */
    public static Species parse(String text) {
        Matcher m = SYMBOL_WITH_CHARGE.matcher(text.strip());
        if (!m.matches() || (!m.group(2).isEmpty() && m.group(3).isEmpty())) {
            throw new StructureException("'" + text + "' is not a species such as Na, Zr4+ or O2-");
        }
        Element element = Element.of(m.group(1));
        if (m.group(3).isEmpty()) {
            return of(element);
        }
        double magnitude = m.group(2).isEmpty() ? 1 : Double.parseDouble(m.group(2));
        return of(element, m.group(3).equals("-") ? -magnitude : magnitude);
    }

    public Element element() {
        return element;
    }

    public String symbol() {
        return element.symbol();
    }

    public OptionalDouble oxidationState() {
        return Double.isNaN(oxidationState) ? OptionalDouble.empty() : OptionalDouble.of(oxidationState);
    }

    public boolean hasOxidationState() {
        return !Double.isNaN(oxidationState);
    }

    /** The same element with no oxidation state. */
    public Species withoutOxidationState() {
        return hasOxidationState() ? of(element) : this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Species other && other.element == element
                && Double.compare(other.oxidationState, oxidationState) == 0;
    }

    @Override
    public int hashCode() {
        return element.hashCode() * 31 + Double.hashCode(oxidationState);
    }

    /** By electronegativity then symbol then oxidation state, as pymatgen sorts species. */
    @Override
    public int compareTo(Species other) {
        int byX = Double.compare(nanLast(element.electronegativity()), nanLast(other.element.electronegativity()));
        if (byX != 0) {
            return byX;
        }
        int bySymbol = element.symbol().compareTo(other.element.symbol());
        return bySymbol != 0 ? bySymbol : Double.compare(oxidationState, other.oxidationState);
    }

    private static double nanLast(double x) {
        return Double.isNaN(x) ? Double.MAX_VALUE : x;
    }

    /** {@code Zr4+}, {@code O2-}, {@code Na+}, {@code Fe2.5+} or just {@code Na}. */
    @Override
    public String toString() {
        if (!hasOxidationState()) {
            return element.symbol();
        }
        double magnitude = Math.abs(oxidationState);
        String number = magnitude == 1 ? "" : Formats.number(magnitude);
        return element.symbol() + number + (oxidationState < 0 ? "-" : "+");
    }
}
