package org.cgformer.structure.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.cgformer.structure.api.Element;
import org.cgformer.structure.api.Element.ShannonRadius;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The periodic table read once from {@code data/pymatgen_periodic_table.json} inside this bundle.
 * A static holder is right here: the data are constants of nature shipped with the code, and
 * {@link Element} values must be unique so that they can be compared with {@code ==}.
 */
public final class ElementTable {

    private static final String RESOURCE = "/data/pymatgen_periodic_table.json";
    /** Row lengths of the periodic table (lanthanides and actinides counted in rows 6 and 7). */
    private static final int[] ROW_SIZES = {2, 8, 8, 18, 18, 32, 32};

    private final Map<String, Element> bySymbol;
    private final Element[] byAtomicNumber;

    private ElementTable(Map<String, Element> bySymbol, Element[] byAtomicNumber) {
        this.bySymbol = bySymbol;
        this.byAtomicNumber = byAtomicNumber;
    }

    private static final class Holder {
        static final ElementTable INSTANCE = load();
    }

    public static ElementTable instance() {
        return Holder.INSTANCE;
    }

    public Element bySymbol(String symbol) {
        return bySymbol.get(symbol);
    }

    public Element byAtomicNumber(int z) {
        return z >= 1 && z < byAtomicNumber.length ? byAtomicNumber[z] : null;
    }

    public Collection<Element> all() {
        List<Element> all = new ArrayList<>();
        for (Element element : byAtomicNumber) {
            if (element != null) {
                all.add(element);
            }
        }
        return Collections.unmodifiableList(all);
    }

    private static ElementTable load() {
        try (InputStream in = ElementTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from bundle org.cgformer.structure");
            }
            JsonNode root = new ObjectMapper().readTree(in);
            Map<String, Element> bySymbol = new HashMap<>();
            Element[] byZ = new Element[120];
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> entry = it.next();
                Element element = element(entry.getKey(), entry.getValue());
                bySymbol.put(element.symbol(), element);
                byZ[element.atomicNumber()] = element;
            }
            return new ElementTable(Map.copyOf(bySymbol), byZ);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    private static Element element(String symbol, JsonNode data) {
        return new Element(symbol, data.path("Name").asText(symbol), data.path("Atomic no").asInt(),
                number(data.get("Atomic mass")), number(data.get("X")), number(data.get("Atomic radius")),
                integers(data.get("Oxidation states")), integers(data.get("Common oxidation states")),
                integers(data.get("ICSD oxidation states")), ionicRadii(data.get("Ionic radii")),
                shannonRadii(data.get("Shannon radii")));
    }

    /** The table writes "no data" for unknown values: those become NaN. */
    private static double number(JsonNode node) {
        return node != null && node.isNumber() ? node.asDouble() : Double.NaN;
    }

    private static List<Integer> integers(JsonNode node) {
        List<Integer> values = new ArrayList<>();
        if (node != null) {
            node.forEach(v -> values.add(v.asInt()));
        }
        return values;
    }

    private static Map<Integer, Double> ionicRadii(JsonNode node) {
        Map<Integer, Double> radii = new HashMap<>();
        if (node != null) {
            node.fields().forEachRemaining(e -> radii.put(charge(e.getKey()), e.getValue().asDouble()));
        }
        return radii;
    }

    private static List<ShannonRadius> shannonRadii(JsonNode node) {
        List<ShannonRadius> radii = new ArrayList<>();
        if (node == null) {
            return radii;
        }
        node.fields().forEachRemaining(byCharge -> byCharge.getValue().fields()
                .forEachRemaining(byCoordination -> byCoordination.getValue().fields()
                        .forEachRemaining(bySpin -> radii.add(new ShannonRadius(charge(byCharge.getKey()),
                                byCoordination.getKey(), bySpin.getKey(),
                                bySpin.getValue().path("crystal_radius").asDouble(),
                                bySpin.getValue().path("ionic_radius").asDouble())))));
        return radii;
    }

    private static int charge(String key) {
        return (int) Math.round(Double.parseDouble(key));
    }

    /** pymatgen's {@code Element.row}. */
    public static int row(int z) {
        if (z >= 57 && z <= 71) {
            return 8;
        }
        if (z >= 89 && z <= 103) {
            return 9;
        }
        int total = 0;
        for (int i = 0; i < ROW_SIZES.length; i++) {
            total += ROW_SIZES[i];
            if (total >= z) {
                return i + 1;
            }
        }
        return 8;
    }

    /** pymatgen's {@code Element.group}. */
    public static int group(int z) {
        if (z == 1) {
            return 1;
        }
        if (z == 2) {
            return 18;
        }
        if (z <= 18) {
            int r = (z - 2) % 8;
            return r == 0 ? 18 : r <= 2 ? r : 10 + r;
        }
        if (z <= 54) {
            int r = (z - 18) % 18;
            return r == 0 ? 18 : r;
        }
        int r = (z - 54) % 32;
        if (r == 0) {
            return 18;
        }
        if (r >= 18) {
            return r - 14;
        }
        if ((z >= 57 && z <= 71) || (z >= 89 && z <= 103)) {
            return 3;
        }
        return r;
    }
}
