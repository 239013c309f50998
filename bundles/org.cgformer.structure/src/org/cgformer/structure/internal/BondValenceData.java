package org.cgformer.structure.internal;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.cgformer.structure.api.Element;
import org.cgformer.structure.api.Species;
import org.cgformer.structure.api.StructureException;

/**
 * pymatgen's bond-valence tables, read once from this bundle's {@code data/}: Brese and O'Keeffe
 * (1991) parameters r and c per element, and ICSD statistics of bond-valence sums per oxidation state.
 */
public final class BondValenceData {

    /** Elements that form anions, pymatgen's {@code ELECTRONEG}: only bonds involving one count. */
    private static final Set<String> ANION_FORMERS = Set.of("H", "B", "C", "Si", "N", "P", "As", "Sb", "O", "S", "Se",
            "Te", "F", "Cl", "Br", "I");

    /** Mean and standard deviation of the bond-valence sum, and the ICSD occurrence count. */
    public record Statistics(double mean, double std, double prior) {
    }

    private final Map<Element, double[]> parameters;
    private final Map<Element, Map<Integer, Statistics>> statistics;

    private BondValenceData(Map<Element, double[]> parameters, Map<Element, Map<Integer, Statistics>> statistics) {
        this.parameters = parameters;
        this.statistics = statistics;
    }

    private static final class Holder {
        static final BondValenceData INSTANCE = load();
    }

    public static BondValenceData instance() {
        return Holder.INSTANCE;
    }

    public boolean hasParameters(Element element) {
        return parameters.containsKey(element);
    }

    public boolean isAnionFormer(Element element) {
        return ANION_FORMERS.contains(element.symbol());
    }

    /** r, Angstrom. */
    public double radius(Element element) {
        return parameters(element)[0];
    }

    /** c, the electronegativity-like parameter. */
    public double electronegativity(Element element) {
        return parameters(element)[1];
    }

    private double[] parameters(Element element) {
        double[] p = parameters.get(element);
        if (p == null) {
            throw new StructureException("no bond-valence parameters for " + element);
        }
        return p;
    }

    /** Non-zero oxidation states of {@code element} with a positive spread, with their statistics. */
    public Map<Integer, Statistics> statistics(Element element) {
        return statistics.getOrDefault(element, Map.of());
    }

    private static BondValenceData load() {
        Map<String, Object> bv = SimpleYaml.readResource("/data/pymatgen_bvparam_1991.yaml");
        Map<Element, double[]> parameters = new HashMap<>();
        bv.forEach((symbol, value) -> Element.find(symbol).ifPresent(element -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> p = (Map<String, Object>) value;
            parameters.put(element, new double[] {SimpleYaml.number(p, "r"), SimpleYaml.number(p, "c")});
        }));
        Map<String, Object> icsd = SimpleYaml.readResource("/data/pymatgen_icsd_bv.yaml");
        Map<String, Object> occurrence = SimpleYaml.map(icsd, "occurrence");
        Map<Element, Map<Integer, Statistics>> statistics = new HashMap<>();
        SimpleYaml.map(icsd, "bvsum").forEach((key, value) -> {
            Species species = Species.parse(key);
            @SuppressWarnings("unchecked")
            Map<String, Object> s = (Map<String, Object>) value;
            double std = SimpleYaml.number(s, "std");
            int oxidation = (int) Math.round(species.oxidationState().orElse(0));
            double prior = SimpleYaml.number(occurrence, key);
            if (oxidation != 0 && std > 0 && prior > 0) {
                statistics.computeIfAbsent(species.element(), e -> new LinkedHashMap<>()).put(oxidation,
                        new Statistics(SimpleYaml.number(s, "mean"), std, prior));
            }
        });
        return new BondValenceData(Map.copyOf(parameters), Map.copyOf(statistics));
    }
}
