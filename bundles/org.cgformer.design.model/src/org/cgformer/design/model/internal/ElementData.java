package org.cgformer.design.model.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The element properties the design-space bundles need (atomic number, mass, Pauling
 * electronegativity, Shannon CN VI ionic radii), read from {@code data/elements.tsv} shipped in this
 * bundle (derived from pymatgen, see {@code data/README.md}). The only class that knows where element
 * data comes from, so it can be swapped for the structure bundle's element data later.
 */
public final class ElementData {

    private static final String RESOURCE = "/data/elements.tsv";

    /** One element's row. Electronegativity is NaN where pymatgen has none (noble gases). */
    public record Element(String symbol, int atomicNumber, double atomicMass, double electronegativity,
            Map<Integer, Double> shannonRadiiCn6) {
    }

    private static final class Holder {
        static final ElementData STANDARD = load();
    }

    private final Map<String, Element> elements;

    private ElementData(Map<String, Element> elements) {
        this.elements = Map.copyOf(elements);
    }

    /** The table shipped with the bundle (read once; immutable). */
    public static ElementData standard() {
        return Holder.STANDARD;
    }

    public boolean isKnown(String symbol) {
        return symbol != null && elements.containsKey(symbol);
    }

    /** Shannon ionic radius in Angstrom for the charge in six-fold coordination, if tabulated. */
    public OptionalDouble shannonRadiusCn6(String symbol, int charge) {
        Element element = elements.get(symbol);
        Double radius = element == null ? null : element.shannonRadiiCn6().get(charge);
        return radius == null ? OptionalDouble.empty() : OptionalDouble.of(radius);
    }

    /** Pauling electronegativity; NaN for an unknown element or one without a value. */
    public double electronegativity(String symbol) {
        Element element = elements.get(symbol);
        return element == null ? Double.NaN : element.electronegativity();
    }

    /** Atomic mass in u; NaN for an unknown element. */
    public double atomicMass(String symbol) {
        Element element = elements.get(symbol);
        return element == null ? Double.NaN : element.atomicMass();
    }

    /** Atomic number; 0 for an unknown element. */
    public int atomicNumber(String symbol) {
        Element element = elements.get(symbol);
        return element == null ? 0 : element.atomicNumber();
    }

    private static ElementData load() {
        try (InputStream in = ElementData.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("element data " + RESOURCE + " is missing from bundle org.cgformer.design.model");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read element data " + RESOURCE, e);
        }
    }

    static ElementData parse(BufferedReader reader) throws IOException {
        Map<String, Element> elements = new HashMap<>();
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (!line.isBlank() && !line.startsWith("#")) {
                Element element = parseLine(line);
                elements.put(element.symbol(), element);
            }
        }
        return new ElementData(elements);
    }

    private static Element parseLine(String line) {
        String[] fields = line.split("\t", -1);
        double electronegativity = fields[3].isEmpty() ? Double.NaN : Double.parseDouble(fields[3]);
        Map<Integer, Double> radii = new HashMap<>();
        for (String entry : fields[5].split(";")) {
            if (!entry.isEmpty()) {
                String[] chargeAndRadius = entry.split(":");
                radii.put(Integer.parseInt(chargeAndRadius[0]), Double.parseDouble(chargeAndRadius[1]));
            }
        }
        return new Element(fields[0], Integer.parseInt(fields[1]), Double.parseDouble(fields[2]), electronegativity,
                Map.copyOf(radii));
    }
}
