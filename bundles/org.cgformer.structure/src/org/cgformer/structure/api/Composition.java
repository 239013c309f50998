package org.cgformer.structure.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Amounts of elements (atoms per cell, or per formula unit); pymatgen's {@code Composition}.
 * Immutable; elements are kept in electronegativity order, the order of pymatgen's formulas.
 */
public final class Composition {

    /** Amounts below this (atoms) count as zero, as pymatgen's {@code Composition.amount_tolerance}. */
    public static final double AMOUNT_TOLERANCE = 1e-8;
    /** Relative tolerance when deciding whether an amount is an integer for the reduced formula. */
    private static final double INTEGER_TOLERANCE = 1e-6;
    /**
     * Decimals of the amounts in {@link #formula()} and {@link #reducedFormula()}: formulas are for display
     * (18.000006 atoms from rounded occupancies shows as 18); {@link #amounts()} keeps the exact values.
     */
    public static final int FORMULA_DECIMALS = 4;

    private final Map<Element, Double> amounts;

    private Composition(Map<Element, Double> amounts) {
        this.amounts = amounts;
    }

    /** A composition from element amounts; amounts must be finite and not negative. */
    public static Composition of(Map<Element, Double> amounts) {
        List<Element> elements = new ArrayList<>(amounts.keySet());
        elements.sort((a, b) -> Species.of(a).compareTo(Species.of(b)));
        Map<Element, Double> ordered = new LinkedHashMap<>();
        for (Element element : elements) {
            double amount = amounts.get(element);
            if (!(amount >= 0) || Double.isInfinite(amount)) {
                throw new StructureException("amount " + amount + " of " + element + " is not a non-negative number");
            }
            if (amount > AMOUNT_TOLERANCE) {
                ordered.put(element, amount);
            }
        }
        return new Composition(Collections.unmodifiableMap(ordered));
    }

    /** {@code Composition.of("Na", 3, "Zr", 2)}: alternating symbols and amounts. */
    public static Composition of(Object... symbolsAndAmounts) {
        Map<Element, Double> amounts = new LinkedHashMap<>();
        for (int i = 0; i + 1 < symbolsAndAmounts.length; i += 2) {
            amounts.merge(Element.of((String) symbolsAndAmounts[i]),
                    ((Number) symbolsAndAmounts[i + 1]).doubleValue(), Double::sum);
        }
        return of(amounts);
    }

    /**
     * Parses a chemical formula such as {@code Na3Zr2Si2PO12}, {@code Mg4Nb2(SO4)9} or
     * {@code Na9Ca6Si4.5Ge6S13.5O72}: element symbols with optional (decimal) amounts, nested
     * parentheses or brackets with an optional multiplier; spaces between groups are allowed.
     *
     * @throws StructureException quoting the formula and the position (1-based) of the first problem:
     *         an unknown element, an unbalanced parenthesis, a malformed number or an empty formula
     */
    public static Composition parse(String formula) {
        FormulaParser parser = new FormulaParser(formula);
        Map<Element, Double> amounts = parser.group(0);
        if (parser.position < formula.length()) {
            throw parser.error("unexpected '" + formula.charAt(parser.position) + "'");
        }
        if (amounts.isEmpty()) {
            throw new StructureException("formula '" + formula + "' names no element");
        }
        return of(amounts);
    }

    /** Recursive descent over a formula: group := (element | '(' group ')') amount? … */
    private static final class FormulaParser {
        private final String text;
        private int position;

        FormulaParser(String text) {
            this.text = text == null ? "" : text;
        }

        Map<Element, Double> group(int depth) {
            Map<Element, Double> amounts = new LinkedHashMap<>();
            while (position < text.length()) {
                char c = text.charAt(position);
                if (Character.isWhitespace(c)) {
                    position++;
                } else if (c == '(' || c == '[') {
                    int open = position++;
                    Map<Element, Double> inner = group(depth + 1);
                    char close = c == '(' ? ')' : ']';
                    if (position >= text.length() || text.charAt(position) != close) {
                        position = open;
                        throw error("'" + c + "' is not closed");
                    }
                    position++;
                    double multiplier = amount();
                    inner.forEach((element, amount) -> amounts.merge(element, amount * multiplier, Double::sum));
                } else if (c == ')' || c == ']') {
                    if (depth == 0) {
                        throw error("'" + c + "' without an opening bracket");
                    }
                    return amounts;
                } else if (Character.isUpperCase(c)) {
                    int start = position++;
                    while (position < text.length() && Character.isLowerCase(text.charAt(position))) {
                        position++;
                    }
                    String symbol = text.substring(start, position);
                    Element element = Element.find(symbol).orElseThrow(() -> {
                        position = start;
                        return error("unknown element '" + symbol + "'");
                    });
                    amounts.merge(element, amount(), Double::sum);
                } else {
                    throw error("unexpected '" + c + "'");
                }
            }
            return amounts;
        }

        /** An optional non-negative decimal amount; 1 when absent. */
        private double amount() {
            int start = position;
            while (position < text.length() && (Character.isDigit(text.charAt(position)) || text.charAt(position) == '.')) {
                position++;
            }
            if (start == position) {
                return 1;
            }
            String number = text.substring(start, position);
            try {
                return Double.parseDouble(number);
            } catch (NumberFormatException e) {
                position = start;
                throw error("amount '" + number + "' is not a number");
            }
        }

        StructureException error(String what) {
            return new StructureException("formula '" + text + "', position " + (position + 1) + ": " + what);
        }
    }

    /** Element to amount, in electronegativity order. */
    public Map<Element, Double> amounts() {
        return amounts;
    }

    public double amount(Element element) {
        return amounts.getOrDefault(element, 0.0);
    }

    public double amount(String symbol) {
        return Element.find(symbol).map(this::amount).orElse(0.0);
    }

    /** Total number of atoms. */
    public double numberOfAtoms() {
        return amounts.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** Mass in atomic mass units. */
    public double weight() {
        double weight = 0;
        for (Map.Entry<Element, Double> e : amounts.entrySet()) {
            weight += e.getKey().atomicMass() * e.getValue();
        }
        return weight;
    }

    /** Fraction of all atoms that are {@code element}. */
    public double atomicFraction(Element element) {
        double total = numberOfAtoms();
        return total == 0 ? 0 : amount(element) / total;
    }

    /**
     * pymatgen's {@code formula}: {@code Na3 Zr2 Si2 P1 O12}, amounts rounded to {@link #FORMULA_DECIMALS}
     * decimals for display (use {@link #amounts()} for computation).
     */
    public String formula() {
        StringJoiner joiner = new StringJoiner(" ");
        amounts.forEach((element, amount) -> joiner.add(element.symbol() + Formats.formulaAmount(amount)));
        return joiner.toString();
    }

    /**
     * pymatgen's {@code reduced_formula}: {@code Na3Zr2Si2PO12}, amounts divided by their common factor and
     * rounded to {@link #FORMULA_DECIMALS} decimals for display.
     */
    public String reducedFormula() {
        double factor = reductionFactor();
        StringBuilder formula = new StringBuilder();
        amounts.forEach((element, amount) -> {
            String reduced = Formats.formulaAmount(amount / factor);
            formula.append(element.symbol());
            if (!reduced.equals("1")) {
                formula.append(reduced);
            }
        });
        return formula.toString();
    }

    /** Greatest common divisor of the amounts when all are integers, else 1. */
    private double reductionFactor() {
        long gcd = 0;
        for (double amount : amounts.values()) {
            long rounded = Math.round(amount);
            if (Math.abs(amount - rounded) > INTEGER_TOLERANCE * Math.max(1, amount) || rounded == 0) {
                return 1;
            }
            gcd = gcd(gcd, rounded);
        }
        return gcd == 0 ? 1 : gcd;
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** Same elements with amounts multiplied by {@code factor}. */
    public Composition times(double factor) {
        Map<Element, Double> scaled = new LinkedHashMap<>();
        amounts.forEach((element, amount) -> scaled.put(element, amount * factor));
        return of(scaled);
    }

    /** Whether both have the same elements with amounts within {@code tolerance} atoms. */
    public boolean almostEquals(Composition other, double tolerance) {
        java.util.Set<Element> elements = new java.util.HashSet<>(amounts.keySet());
        elements.addAll(other.amounts.keySet());
        for (Element element : elements) {
            if (Math.abs(amount(element) - other.amount(element)) > tolerance) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Composition other && other.amounts.equals(amounts);
    }

    @Override
    public int hashCode() {
        return amounts.hashCode();
    }

    @Override
    public String toString() {
        return formula();
    }
}
