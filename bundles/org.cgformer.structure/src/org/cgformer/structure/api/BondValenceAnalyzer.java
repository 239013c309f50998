package org.cgformer.structure.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cgformer.structure.internal.BondValenceData;
import org.cgformer.structure.internal.BondValenceData.Statistics;

/**
 * Guesses oxidation states from bond-valence sums, as pymatgen's {@code BVAnalyzer}: the bond-valence
 * sum of each site (Brese and O'Keeffe 1991 parameters) gives, with ICSD statistics, a probability for
 * each oxidation state of its element; the most probable charge-neutral assignment wins.
 * Symmetry-equivalent sites are taken to be the sites sharing a label (what readers give the orbit of
 * one asymmetric-unit site); sites without labels are treated one by one. Ordered structures only.
 */
public final class BondValenceAnalyzer {

    /** Neighbours up to this distance (Angstrom) contribute to bond-valence sums, as pymatgen's max_radius. */
    public static final double DEFAULT_MAX_RADIUS_ANGSTROM = 4.0;
    /** Distances are multiplied by this before use (pymatgen's distance_scale_factor, for GGA-expanded cells). */
    public static final double DEFAULT_DISTANCE_SCALE_FACTOR = 1.015;
    /** The search gives up after this many partial assignments, as pymatgen's max_permutations. */
    public static final int DEFAULT_MAX_PERMUTATIONS = 100_000;
    /** Bond-valence softness parameter b, Angstrom. */
    private static final double BOND_SOFTNESS_ANGSTROM = 0.31;
    /** Oxidation states less probable than this fraction of the best one for a site are not tried. */
    private static final double RELATIVE_PROBABILITY_CUTOFF = 0.01;

    private final double maxRadiusAngstrom;
    private final double distanceScaleFactor;
    private final int maxPermutations;

    public BondValenceAnalyzer() {
        this(DEFAULT_MAX_RADIUS_ANGSTROM, DEFAULT_DISTANCE_SCALE_FACTOR, DEFAULT_MAX_PERMUTATIONS);
    }

    public BondValenceAnalyzer(double maxRadiusAngstrom, double distanceScaleFactor, int maxPermutations) {
        this.maxRadiusAngstrom = maxRadiusAngstrom;
        this.distanceScaleFactor = distanceScaleFactor;
        this.maxPermutations = maxPermutations;
    }

    /** The structure with an oxidation state on every species. */
    public Structure withOxidationStates(Structure structure) {
        int[] valences = valences(structure);
        List<Site> sites = new ArrayList<>();
        for (int i = 0; i < structure.size(); i++) {
            Site site = structure.site(i);
            sites.add(site.withOccupancies(Map.of(Species.of(site.majoritySpecies().element(), valences[i]), 1.0)));
        }
        return structure.withSites(sites);
    }

    /** The guessed oxidation state of every site, in site order. */
    public int[] valences(Structure structure) {
        if (!structure.isOrdered()) {
            throw new StructureException("bond-valence analysis needs an ordered structure; " + structure.formula()
                    + " has partially occupied or mixed sites");
        }
        BondValenceData data = BondValenceData.instance();
        for (Element element : structure.composition().amounts().keySet()) {
            if (!data.hasParameters(element)) {
                throw new StructureException("no bond-valence parameters for " + element + " in " + structure.formula());
            }
        }
        List<List<Integer>> groups = equivalentSites(structure);
        NeighbourList neighbours = NeighbourList.of(structure, maxRadiusAngstrom);
        List<Map<Integer, Double>> probabilities = new ArrayList<>();
        for (List<Integer> group : groups) {
            probabilities.add(siteProbabilities(structure, group.get(0), neighbours, data));
        }
        return new Assignment(structure, groups, probabilities, maxPermutations).solve();
    }

    /** Sites grouped by label, most electronegative groups first (pymatgen's order). */
    private static List<List<Integer>> equivalentSites(Structure structure) {
        Map<String, List<Integer>> byLabel = new LinkedHashMap<>();
        for (int i = 0; i < structure.size(); i++) {
            Site site = structure.site(i);
            String key = site.label() == null || site.label().isEmpty() ? "#" + i
                    : site.label() + "|" + site.majoritySpecies().element().symbol();
            byLabel.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
        }
        List<List<Integer>> groups = new ArrayList<>(byLabel.values());
        groups.sort((g, h) -> Double.compare(structure.site(h.get(0)).averageElectronegativity(),
                structure.site(g.get(0)).averageElectronegativity()));
        return groups;
    }

    /** pymatgen's {@code calculate_bv_sum}. */
    double bondValenceSum(Structure structure, int site, NeighbourList neighbours, BondValenceData data) {
        Element el1 = structure.site(site).majoritySpecies().element();
        double sum = 0;
        for (Neighbour nn : neighbours.neighbours(site)) {
            Element el2 = structure.site(nn.index()).majoritySpecies().element();
            if ((data.isAnionFormer(el1) || data.isAnionFormer(el2)) && el1 != el2) {
                double r1 = data.radius(el1);
                double r2 = data.radius(el2);
                double c1 = data.electronegativity(el1);
                double c2 = data.electronegativity(el2);
                double bondLength = r1 + r2 - r1 * r2 * Math.pow(Math.sqrt(c1) - Math.sqrt(c2), 2) / (c1 * r1 + c2 * r2);
                double valence = Math.exp((bondLength - nn.distance() * distanceScaleFactor) / BOND_SOFTNESS_ANGSTROM);
                sum += el1.electronegativity() < el2.electronegativity() ? valence : -valence;
            }
        }
        return sum;
    }

    /** Normalised posterior probability of each oxidation state of the site's element. */
    private Map<Integer, Double> siteProbabilities(Structure structure, int site, NeighbourList neighbours,
            BondValenceData data) {
        Element element = structure.site(site).majoritySpecies().element();
        double bvSum = bondValenceSum(structure, site, neighbours, data);
        Map<Integer, Double> probability = new LinkedHashMap<>();
        double total = 0;
        for (Map.Entry<Integer, Statistics> e : data.statistics(element).entrySet()) {
            Statistics s = e.getValue();
            double p = Math.exp(-Math.pow(bvSum - s.mean(), 2) / 2 / (s.std() * s.std())) / s.std() * s.prior();
            probability.put(e.getKey(), p);
            total += p;
        }
        for (Map.Entry<Integer, Double> e : probability.entrySet()) {
            e.setValue(total > 0 ? e.getValue() / total : 0);
        }
        return probability;
    }

    /** The bounded depth-first search of pymatgen's {@code get_valences} for ordered structures. */
    private static final class Assignment {
        private final Structure structure;
        private final List<List<Integer>> groups;
        private final List<Map<Integer, Double>> probabilities;
        private final List<List<Integer>> candidates = new ArrayList<>();
        private final int maxPermutations;
        private int tried;
        private double bestScore;
        private int[] best;

        Assignment(Structure structure, List<List<Integer>> groups, List<Map<Integer, Double>> probabilities,
                int maxPermutations) {
            this.structure = structure;
            this.groups = groups;
            this.probabilities = probabilities;
            this.maxPermutations = maxPermutations;
            for (Map<Integer, Double> p : probabilities) {
                double top = p.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
                List<Integer> likely = new ArrayList<>(p.keySet().stream()
                        .filter(v -> p.get(v) > RELATIVE_PROBABILITY_CUTOFF * top).toList());
                likely.sort((u, v) -> Double.compare(p.get(v), p.get(u)));
                candidates.add(likely);
            }
        }

        int[] solve() {
            if (candidates.stream().anyMatch(List::isEmpty)) {
                throw new StructureException("valences cannot be assigned: an element of " + structure.formula()
                        + " has no oxidation-state statistics");
            }
            recurse(new int[groups.size()], 0);
            if (best == null) {
                throw new StructureException("valences cannot be assigned: no charge-neutral combination found for "
                        + structure.formula());
            }
            int[] valences = new int[structure.size()];
            for (int g = 0; g < groups.size(); g++) {
                for (int site : groups.get(g)) {
                    valences[site] = best[g];
                }
            }
            return valences;
        }

        private void recurse(int[] assigned, int depth) {
            if (tried > maxPermutations) {
                return;
            }
            if (!canStillBalance(assigned, depth)) {
                tried++;
                return;
            }
            if (depth == groups.size()) {
                evaluate(assigned);
                tried++;
                return;
            }
            for (int v : candidates.get(depth)) {
                assigned[depth] = v;
                recurse(assigned, depth + 1);
            }
        }

        /** Whether charge 0 lies between the lowest and highest total charge still reachable. */
        private boolean canStillBalance(int[] assigned, int depth) {
            long highest = 0;
            long lowest = 0;
            for (int g = 0; g < groups.size(); g++) {
                int n = groups.get(g).size();
                List<Integer> options = candidates.get(g);
                int max = g < depth ? assigned[g] : options.stream().mapToInt(Integer::intValue).max().orElse(0);
                int min = g < depth ? assigned[g] : options.stream().mapToInt(Integer::intValue).min().orElse(0);
                highest += (long) max * n;
                lowest += (long) min * n;
            }
            return highest >= 0 && lowest <= 0 && (depth < groups.size() || highest == 0);
        }

        /** Keeps the most probable assignment whose valences per element differ by at most 1. */
        private void evaluate(int[] assigned) {
            Map<Element, int[]> range = new LinkedHashMap<>();
            double score = 1;
            for (int g = 0; g < groups.size(); g++) {
                Element element = structure.site(groups.get(g).get(0)).majoritySpecies().element();
                int v = assigned[g];
                range.merge(element, new int[] {v, v}, (a, b) -> new int[] {Math.min(a[0], v), Math.max(a[1], v)});
                score *= probabilities.get(g).get(v);
            }
            if (range.values().stream().anyMatch(r -> r[1] - r[0] > 1)) {
                return;
            }
            if (score > bestScore) {
                bestScore = score;
                best = assigned.clone();
            }
        }
    }
}
