package org.cgformer.graph.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cgformer.structure.api.BondValenceAnalyzer;
import org.cgformer.structure.api.Element;
import org.cgformer.structure.api.Site;
import org.cgformer.structure.api.Species;
import org.cgformer.structure.api.Structure;
import org.cgformer.structure.api.StructureException;

/**
 * Oxidation states for featurizing, from the first source that gives them:
 * <ol>
 * <li>{@link Source#FILE}: every species of the structure carries one;</li>
 * <li>{@link Source#BOND_VALENCE}: ordered structures, guessed from bond-valence sums
 * ({@link BondValenceAnalyzer}, pymatgen's method);</li>
 * <li>{@link Source#BALANCED}: one common oxidation state per element such that the
 * occupancy-weighted composition is neutral; among several, the one whose negative elements are all
 * more electronegative than its positive ones, then the smallest total |charge|;</li>
 * <li>{@link Source#UNKNOWN}: none of these (intermetallics, elemental solids): every charge is 0.</li>
 * </ol>
 */
public final class OxidationStates {

    /** Where the oxidation states came from. */
    public enum Source {
        FILE, BOND_VALENCE, BALANCED, UNKNOWN
    }

    /** Net charge per cell below this (elementary charges) counts as neutral. */
    static final double NEUTRALITY_TOLERANCE = 1e-3;
    /** The balance search gives up beyond this many combinations (then the charges are unknown). */
    static final int MAX_COMBINATIONS = 200_000;

    private final double[][] charges;
    private final Source source;

    private OxidationStates(double[][] charges, Source source) {
        this.charges = charges;
        this.source = source;
    }

    /** charges[site][k]: oxidation state of the k-th species of the site's occupancy map. */
    public double charge(int site, int k) {
        return charges[site][k];
    }

    public Source source() {
        return source;
    }

    public static OxidationStates of(Structure structure) {
        if (structure.hasOxidationStates()) {
            return fromSpecies(structure, Source.FILE);
        }
        if (structure.isOrdered()) {
            try {
                int[] valences = new BondValenceAnalyzer().valences(structure);
                double[][] charges = new double[structure.size()][];
                for (int i = 0; i < valences.length; i++) {
                    charges[i] = new double[] {valences[i]};
                }
                return new OxidationStates(charges, Source.BOND_VALENCE);
            } catch (StructureException e) {
                // no parameters or no neutral assignment: try the composition below
            }
        }
        Map<Element, Integer> balanced = balance(structure);
        if (balanced != null) {
            return byElement(structure, balanced, Source.BALANCED);
        }
        return byElement(structure, Map.of(), Source.UNKNOWN);
    }

    private static OxidationStates fromSpecies(Structure structure, Source source) {
        double[][] charges = new double[structure.size()][];
        for (int i = 0; i < structure.size(); i++) {
            charges[i] = structure.site(i).occupancies().keySet().stream()
                    .mapToDouble(s -> s.oxidationState().orElse(0)).toArray();
        }
        return new OxidationStates(charges, source);
    }

    private static OxidationStates byElement(Structure structure, Map<Element, Integer> states, Source source) {
        double[][] charges = new double[structure.size()][];
        for (int i = 0; i < structure.size(); i++) {
            Site site = structure.site(i);
            charges[i] = new double[site.occupancies().size()];
            int k = 0;
            for (Species species : site.occupancies().keySet()) {
                charges[i][k++] = states.getOrDefault(species.element(), 0);
            }
        }
        return new OxidationStates(charges, source);
    }

    /** The best neutral assignment of common oxidation states per element, or null. */
    static Map<Element, Integer> balance(Structure structure) {
        Map<Element, Double> amounts = new LinkedHashMap<>();
        for (Site site : structure.sites()) {
            site.elementOccupancies().forEach((e, o) -> amounts.merge(e, o, Double::sum));
        }
        List<Element> elements = new ArrayList<>(amounts.keySet());
        List<List<Integer>> options = new ArrayList<>();
        long combinations = 1;
        for (Element element : elements) {
            List<Integer> states = element.commonOxidationStates().isEmpty() ? element.icsdOxidationStates()
                    : element.commonOxidationStates();
            if (states.isEmpty()) {
                return null;
            }
            options.add(states);
            combinations *= states.size();
        }
        if (combinations > MAX_COMBINATIONS) {
            return null;
        }
        Search search = new Search(elements, amounts, options);
        search.run(new int[elements.size()], 0);
        return search.best;
    }

    /** Exhaustive search over the (few) combinations of common oxidation states. */
    private static final class Search {
        private final List<Element> elements;
        private final Map<Element, Double> amounts;
        private final List<List<Integer>> options;
        private Map<Element, Integer> best;
        private boolean bestOrdered;
        private double bestTotal = Double.MAX_VALUE;

        Search(List<Element> elements, Map<Element, Double> amounts, List<List<Integer>> options) {
            this.elements = elements;
            this.amounts = amounts;
            this.options = options;
        }

        void run(int[] chosen, int depth) {
            if (depth == elements.size()) {
                consider(chosen);
                return;
            }
            for (int state : options.get(depth)) {
                chosen[depth] = state;
                run(chosen, depth + 1);
            }
        }

        private void consider(int[] chosen) {
            double net = 0;
            double total = 0;
            double highestCation = -Double.MAX_VALUE;
            double lowestAnion = Double.MAX_VALUE;
            for (int k = 0; k < chosen.length; k++) {
                Element element = elements.get(k);
                double amount = amounts.get(element);
                net += amount * chosen[k];
                total += amount * Math.abs(chosen[k]);
                double x = Double.isNaN(element.electronegativity()) ? 0 : element.electronegativity();
                if (chosen[k] > 0) {
                    highestCation = Math.max(highestCation, x);
                } else if (chosen[k] < 0) {
                    lowestAnion = Math.min(lowestAnion, x);
                }
            }
            if (Math.abs(net) > NEUTRALITY_TOLERANCE || total == 0) {
                return;
            }
            boolean ordered = highestCation <= lowestAnion;
            if (best == null || (ordered && !bestOrdered) || (ordered == bestOrdered && total < bestTotal)) {
                best = new LinkedHashMap<>();
                for (int k = 0; k < chosen.length; k++) {
                    best.put(elements.get(k), chosen[k]);
                }
                bestOrdered = ordered;
                bestTotal = total;
            }
        }
    }
}
