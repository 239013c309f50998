package org.cgformer.design.structure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.cgformer.design.api.DesignException;
import org.cgformer.design.api.StructureRecipe;
import org.cgformer.design.model.DesignSpace;
import org.cgformer.design.model.resource.DesignSpaceResources;
import org.cgformer.structure.api.Structure;

/**
 * Ordered supercells of the host for one candidate: the substituted site holds the exact site
 * fractions, the mobile-ion sites hold the charge-balanced content, mixed sites (Si/P) hold their
 * host ratio; among K random decorations the one with the lowest Ewald energy wins. The supercell
 * is the smallest multiple of the host cell in which every count is an integer: of the conventional cell
 * stacked along the axes ({@link Cell#CONVENTIONAL}, the original recipe), or of the primitive cell in its most
 * compact shape ({@link Cell#PRIMITIVE}, 3x fewer sites for an R-centred NASICON). Deterministic for a seed.
 */
public final class StructureGenerator {

    /** Which multiple of the host the supercells are made of (the recipe's supercell policy). */
    public enum Cell {
        /** The host's cell as read, repeated along its axes (recipe supercell {@code smallest-integral}). */
        CONVENTIONAL,
        /**
         * The host's primitive cell (pure translations removed), the supercell the most compact Hermite normal form of
         * the smallest integral multiple (recipe supercell {@code smallest-primitive}).
         */
        PRIMITIVE,
        /**
         * The host's primitive cell itself with mixed sites: every site holds the mean occupancy of all decorations
         * (recipe supercell {@code primitive-occupancy}, {@link StructureGenerator#average}).
         *
         * @since 1.1
         */
        OCCUPANCY;

        /**
         * The cell of a structure recipe's supercell policy: {@link StructureRecipe#SMALLEST_PRIMITIVE} (or
         * {@code primitive}) is {@link #PRIMITIVE}; {@link StructureRecipe#PRIMITIVE_OCCUPANCY} (or {@code occupancy}) is
         * {@link #OCCUPANCY}; {@link StructureRecipe#SMALLEST_INTEGRAL} (or {@code conventional}), and no policy at all, as
         * recipes written before the policy was recorded, are {@link #CONVENTIONAL}.
         *
         * @throws IllegalArgumentException for any other policy, naming the ones there are
         */
        public static Cell of(String supercellPolicy) {
            if (supercellPolicy == null) {
                return CONVENTIONAL;
            }
            return switch (StructureRecipe.supercellPolicy(supercellPolicy)) {
                case StructureRecipe.SMALLEST_PRIMITIVE -> PRIMITIVE;
                case StructureRecipe.PRIMITIVE_OCCUPANCY -> OCCUPANCY;
                default -> CONVENTIONAL;
            };
        }

        /** Whether this cell is ordered (one species per site), i.e. made by decorating a supercell. */
        public boolean ordered() {
            return this != OCCUPANCY;
        }
    }

    /**
     * Counts within this of an integer are taken as that integer (CIF occupancies are rounded:
     * 0.666667 x 18 sites = 12.000006).
     */
    static final double COUNT_TOLERANCE = 1e-3;
    /** Largest supercell multiple tried. */
    static final int MAX_MULTIPLE = 12;

    private final DesignSpace designSpace;
    private final HostCell host;
    private final String source;
    private final String mobileIon;
    private final int mobileIonCharge;
    private final double formulaUnitsPerCell;
    private final Cell cell;
    private final Map<Integer, Supercell> supercells = new HashMap<>();

    /** @param host the design space's host structure, read with the installed structure readers */
    public StructureGenerator(DesignSpace designSpace, Structure host) throws DesignException {
        this(designSpace, host, Cell.CONVENTIONAL);
    }

    /**
     * @param host the design space's host structure, read with the installed structure readers
     * @param cell which multiple of the host the supercells are made of
     */
    public StructureGenerator(DesignSpace designSpace, Structure host, Cell cell) throws DesignException {
        this.designSpace = designSpace;
        this.source = String.valueOf(DesignSpaceResources.hostStructurePath(designSpace));
        this.cell = cell;
        this.host = hostCell(host, source, cell);
        this.mobileIon = designSpace.getMobileIon();
        this.mobileIonCharge = designSpace.getMobileIonOxidationState();
        this.formulaUnitsPerCell = countSites(designSpace.getSite().getLabel()) / designSpace.getSite().getSitesPerFormulaUnit();
    }

    private StructureGenerator(Structure host, String source, String mobileIon, int mobileIonCharge, double formulaUnitsPerCell, Cell cell)
            throws DesignException {
        this.designSpace = null;
        this.source = source;
        this.cell = cell;
        this.host = hostCell(host, source, cell);
        this.mobileIon = mobileIon;
        this.mobileIonCharge = mobileIonCharge;
        this.formulaUnitsPerCell = formulaUnitsPerCell;
    }

    /**
     * A generator for a framework without a design space: any of the host's sites may be given new
     * occupations with {@link #generateSites(List, double, int, long)} (e.g. M/M' on the NASICON Zr site
     * and Si/P/S on its tetrahedral site).
     *
     * @param host the host structure (every species with an oxidation state)
     * @param source where the host came from, for messages
     * @param mobileIon element of the mobile-ion sites (their content is set per structure)
     * @param formulaUnitsPerCell formula units in the generator's cell (6 for the conventional NASICON cell, 2 for its
     *                            primitive cell): count them with a probe generator of the same {@code cell}
     * @param cell which multiple of the host the supercells are made of
     */
    public static StructureGenerator forFramework(Structure host, String source, String mobileIon, int mobileIonCharge,
            double formulaUnitsPerCell, Cell cell) throws DesignException {
        if (!(formulaUnitsPerCell > 0)) {
            throw new DesignException("formula units per cell must be positive, got " + formulaUnitsPerCell);
        }
        return new StructureGenerator(host, source, mobileIon, mobileIonCharge, formulaUnitsPerCell, cell);
    }

    private static HostCell hostCell(Structure host, String source, Cell cell) throws DesignException {
        HostCell asRead = HostCell.of(host, source);
        return cell == Cell.CONVENTIONAL ? asRead : CellShapes.primitive(asRead, source);
    }

    /** Which multiple of the host the supercells are made of. */
    public Cell cell() {
        return cell;
    }

    /** Number of sites labelled {@code label} in the host's cell (symmetry expanded). */
    public int sitesPerCell(String label) throws DesignException {
        return countSites(label);
    }

    /**
     * An ordered structure for a candidate given by its dopants (element symbols of the pool):
     * the kept host element and the dopants with the design space's fractions (equimolar when none).
     */
    public GeneratedStructure generate(List<String> dopants, double mobileIonContent, int decorations, long seed)
            throws DesignException {
        requireDesignSpace();
        return generateSites(List.of(designSiteOccupation(dopants)), mobileIonContent, decorations, seed);
    }

    /** The design space's substituted site with the kept host element and the dopants, at the design space's fractions. */
    private SiteOccupation designSiteOccupation(List<String> dopants) throws DesignException {
        List<String> elements = new ArrayList<>();
        List<Integer> charges = new ArrayList<>();
        if (designSpace.getSite().isHostKept()) {
            elements.add(designSpace.getSite().getHostElement());
            charges.add(designSpace.getSite().getHostOxidationState());
        }
        for (String dopant : dopants) {
            elements.add(dopant);
            charges.add(designSpace.getPool().stream().filter(d -> dopant.equals(d.getElement())).findFirst()
                    .orElseThrow(() -> new DesignException("dopant " + dopant + " is not in the pool")).getOxidationState());
        }
        List<Double> fractions = new ArrayList<>(designSpace.getFractions());
        if (fractions.isEmpty()) {
            elements.forEach(e -> fractions.add(1.0 / elements.size()));
        }
        return new SiteOccupation(designSpace.getSite().getLabel(), elements, fractions, charges);
    }

    /**
     * An ordered structure for the cations {@code siteElements} (host first when kept) with
     * {@code siteFractions} and their {@code siteCharges} on the design space's substituted site.
     */
    public GeneratedStructure generate(List<String> siteElements, List<Double> siteFractions, List<Integer> siteCharges,
            double mobileIonContent, int decorations, long seed) throws DesignException {
        requireDesignSpace();
        return generateSites(List.of(new SiteOccupation(designSpace.getSite().getLabel(), siteElements, siteFractions, siteCharges)),
                mobileIonContent, decorations, seed);
    }

    /**
     * An ordered structure with the given {@code occupations} of host sites (each label at most once),
     * {@code mobileIonContent} mobile ions per formula unit, the other sites as in the host (mixed
     * sites keep their host ratio). Among {@code decorations} random decorations the one with the
     * lowest Ewald energy is returned.
     */
    public GeneratedStructure generateSites(List<SiteOccupation> occupations, double mobileIonContent, int decorations, long seed)
            throws DesignException {
        Counts counts = counts(occupations, mobileIonContent);
        Supercell supercell = supercells.computeIfAbsent(counts.multiple,
                m -> cell == Cell.CONVENTIONAL ? Supercell.of(host, m) : Supercell.compact(host, m)); // OCCUPANCY: its ordered decorations
        long mobileSites = supercell.hostSites.stream().filter(site -> kind(site, counts.labels) == Kind.MOBILE).count();
        if (counts.mobileIons < 0 || counts.mobileIons > mobileSites) {
            // the charge-balance rule normally keeps candidates inside this range; unfiltered ones may not be
            throw new DesignException(String.format(java.util.Locale.ROOT,
                    "%s %s per formula unit needs %d %s in the supercell, which has %d %s sites",
                    plain(mobileIonContent),
                    mobileIon, counts.mobileIons, mobileIon, mobileSites, mobileIon));
        }
        Random random = new Random(seed);
        GeneratedStructure best = null;
        for (int k = 0; k < decorations; k++) {
            GeneratedStructure candidate = decorate(supercell, counts, occupations, random);
            if (best == null || candidate.ewaldEnergy() < best.ewaldEnergy()) {
                best = candidate;
            }
        }
        return best;
    }

    /**
     * The occupancy-weighted cell of a candidate given by its dopants: {@link #generate(List, double, int, long)}'s
     * site fractions and mobile-ion content, as mean occupancies of the host's primitive cell.
     *
     * @since 1.1
     */
    public AverageStructure average(List<String> dopants, double mobileIonContent) throws DesignException {
        requireDesignSpace();
        return averageSites(List.of(designSiteOccupation(dopants)), mobileIonContent);
    }

    /**
     * The occupancy-weighted cell of the host's primitive cell: the {@code occupations} as mixed sites, the mobile-ion
     * sites holding {@code mobileIonContent} per formula unit as the ordered decorations place them on average (fully
     * occupied host sites first, the partial ones share the rest evenly), the mixed sites their host ratio, vacant
     * sites left out. The cell every ordered decoration of {@link #generateSites} is a supercell of, averaged.
     *
     * @throws DesignException when the content needs more mobile ions than there are sites
     * @since 1.1
     */
    public AverageStructure averageSites(List<SiteOccupation> occupations, double mobileIonContent) throws DesignException {
        Map<String, SiteOccupation> byLabel = byLabel(occupations);
        List<HostCell.Site> full = new ArrayList<>();
        List<HostCell.Site> partial = new ArrayList<>();
        for (HostCell.Site site : host.sites()) {
            if (kind(site, byLabel.keySet()) == Kind.MOBILE) {
                (fullyOccupied(site) ? full : partial).add(site);
            }
        }
        double ions = mobileIonContent * formulaUnitsPerCell;
        if (ions < -COUNT_TOLERANCE || ions > full.size() + partial.size() + COUNT_TOLERANCE) {
            throw new DesignException(String.format(java.util.Locale.ROOT, "%s %s per formula unit needs %s %s in the cell, which has %d %s sites",
                    plain(mobileIonContent), mobileIon, plain(ions), mobileIon, full.size() + partial.size(), mobileIon));
        }
        // as fillMobile: the full sites take the ions first, the partial ones share the rest
        double fullOccupancy = full.isEmpty() ? 0 : Math.min(1, ions / full.size());
        double partialOccupancy = partial.isEmpty() ? 0 : Math.max(0, ions - full.size()) / partial.size();
        List<AverageStructure.Site> sites = new ArrayList<>();
        for (HostCell.Site site : host.sites()) {
            switch (kind(site, byLabel.keySet())) {
                case SUBSTITUTED -> {
                    SiteOccupation occupation = byLabel.get(site.label());
                    Map<String, Double> occupancy = new LinkedHashMap<>();
                    Map<String, Integer> charges = new LinkedHashMap<>();
                    for (int e = 0; e < occupation.elements().size(); e++) {
                        occupancy.merge(occupation.elements().get(e), occupation.fractions().get(e), Double::sum);
                        charges.put(occupation.elements().get(e), occupation.charges().get(e));
                    }
                    sites.add(new AverageStructure.Site(site.label(), occupancy, charges, site.fracCoords()));
                }
                case MOBILE -> {
                    double occupancy = full.contains(site) ? fullOccupancy : partialOccupancy;
                    if (occupancy > COUNT_TOLERANCE) {
                        sites.add(new AverageStructure.Site(site.label(), Map.of(mobileIon, occupancy), Map.of(mobileIon, mobileIonCharge),
                                site.fracCoords()));
                    }
                }
                case MIXED -> sites.add(new AverageStructure.Site(site.label(), site.occupancy(), site.oxidationStates(), site.fracCoords()));
                case FIXED -> {
                    // an ordered decoration fills a fixed site completely, so its mean does too
                    String element = site.occupancy().keySet().iterator().next();
                    sites.add(new AverageStructure.Site(site.label(), Map.of(element, 1.0), Map.of(element, site.oxidationStates().get(element)),
                            site.fracCoords()));
                }
            }
        }
        return new AverageStructure(host.matrix(), sites);
    }

    /** A count or content as a person writes it: 4 significant digits, no trailing zeros (6.2, 12.4, 31). */
    private static String plain(double value) {
        return new java.math.BigDecimal(String.format(java.util.Locale.ROOT, "%.4g", value)).stripTrailingZeros().toPlainString();
    }

    private void requireDesignSpace() throws DesignException {
        if (designSpace == null) {
            throw new DesignException("this generator was made for the framework " + source + " without a design space: give the site occupations");
        }
    }

    /**
     * The cations of one host site: elements with their site fractions (summing to 1) and oxidation
     * states.
     */
    public record SiteOccupation(String label, List<String> elements, List<Double> fractions, List<Integer> charges) {

        public SiteOccupation {
            if (elements.size() != fractions.size() || elements.size() != charges.size() || elements.isEmpty()) {
                throw new IllegalArgumentException("site " + label + ": elements (" + elements.size() + "), fractions ("
                        + fractions.size() + ") and charges (" + charges.size() + ") must be non-empty and of one length");
            }
            elements = List.copyOf(elements);
            fractions = List.copyOf(fractions);
            charges = List.copyOf(charges);
        }
    }

    private record Counts(int multiple, Map<String, int[]> siteCounts, Set<String> labels, int mobileIons) {
    }

    private Counts counts(List<SiteOccupation> occupations, double mobileIonContent) throws DesignException {
        Set<String> labels = byLabel(occupations).keySet();
        Map<String, Integer> sitesPerCell = new HashMap<>();
        for (String label : labels) {
            sitesPerCell.put(label, countSites(label));
        }
        for (int multiple = 1; multiple <= MAX_MULTIPLE; multiple++) {
            Map<String, int[]> siteCounts = new HashMap<>();
            boolean integral = true;
            for (SiteOccupation occupation : occupations) {
                int[] perElement = new int[occupation.fractions().size()];
                for (int i = 0; i < perElement.length; i++) {
                    double count = occupation.fractions().get(i) * sitesPerCell.get(occupation.label()) * multiple;
                    integral &= isInteger(count);
                    perElement[i] = (int) Math.round(count);
                }
                siteCounts.put(occupation.label(), perElement);
            }
            double ions = mobileIonContent * formulaUnitsPerCell * multiple;
            if (integral && isInteger(ions) && mixedSitesIntegral(labels, multiple)) {
                return new Counts(multiple, siteCounts, labels, (int) Math.round(ions));
            }
        }
        throw new DesignException("no supercell of up to " + MAX_MULTIPLE + " host cells holds "
                + occupations.stream().map(o -> o.label() + " " + o.elements() + " " + o.fractions()).toList() + " and "
                + mobileIonContent + " " + mobileIon + " per formula unit exactly");
    }

    private boolean mixedSitesIntegral(Set<String> labels, int multiple) {
        Map<String, Double> totals = mixedTotals(labels);
        return totals.values().stream().allMatch(count -> isInteger(count * multiple));
    }

    /** Per element of the mixed (non-mobile, non-substituted, shared) sites: how many per host cell. */
    private Map<String, Double> mixedTotals(Set<String> labels) {
        Map<String, Double> totals = new LinkedHashMap<>();
        for (HostCell.Site site : host.sites()) {
            if (kind(site, labels) == Kind.MIXED) {
                site.occupancy().forEach((element, occupancy) -> totals.merge(element, occupancy, Double::sum));
            }
        }
        return totals;
    }

    /**
     * The occupations by site label, checked: each label at most once and a site of the host.
     *
     * @throws DesignException naming the label given twice or missing from the host
     */
    private Map<String, SiteOccupation> byLabel(List<SiteOccupation> occupations) throws DesignException {
        Map<String, SiteOccupation> byLabel = new LinkedHashMap<>();
        for (SiteOccupation occupation : occupations) {
            if (byLabel.put(occupation.label(), occupation) != null) {
                throw new DesignException("site '" + occupation.label() + "' is given two occupations");
            }
            countSites(occupation.label());
        }
        return byLabel;
    }

    /** Whether a mobile-ion site is fully occupied in the host (NASICON's Na1): decorations fill those first. */
    private static boolean fullyOccupied(HostCell.Site site) {
        return site.occupancy().values().iterator().next() >= 1 - COUNT_TOLERANCE;
    }

    private int countSites(String label) throws DesignException {
        int count = (int) host.sites().stream().filter(s -> s.label().equals(label)).count();
        if (count == 0) {
            throw new DesignException("site '" + label + "' is not in the host structure " + source);
        }
        return count;
    }

    private static boolean isInteger(double value) {
        return Math.abs(value - Math.rint(value)) < COUNT_TOLERANCE;
    }

    enum Kind { SUBSTITUTED, MOBILE, MIXED, FIXED }

    Kind kind(HostCell.Site site, Set<String> substituted) {
        if (substituted.contains(site.label())) {
            return Kind.SUBSTITUTED;
        }
        if (site.occupancy().size() == 1 && site.occupancy().containsKey(mobileIon)) {
            return Kind.MOBILE;
        }
        return site.occupancy().size() > 1 ? Kind.MIXED : Kind.FIXED;
    }

    private GeneratedStructure decorate(Supercell supercell, Counts counts, List<SiteOccupation> occupations, Random random) {
        int n = supercell.hostSites.size();
        String[] species = new String[n];
        int[] charges = new int[n];
        boolean[] vacant = new boolean[n];
        Map<String, List<Integer>> substituted = new LinkedHashMap<>();
        List<Integer> mobileFull = new ArrayList<>();
        List<Integer> mobilePartial = new ArrayList<>();
        Map<String, List<Integer>> mixedGroups = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            HostCell.Site site = supercell.hostSites.get(i);
            switch (kind(site, counts.labels)) {
                case SUBSTITUTED -> substituted.computeIfAbsent(site.label(), key -> new ArrayList<>()).add(i);
                case MOBILE -> (fullyOccupied(site) ? mobileFull : mobilePartial).add(i);
                case MIXED -> mixedGroups.computeIfAbsent(site.label(), key -> new ArrayList<>()).add(i);
                case FIXED -> {
                    String element = site.occupancy().keySet().iterator().next();
                    species[i] = element;
                    charges[i] = site.oxidationStates().get(element);
                }
            }
        }
        for (SiteOccupation occupation : occupations) {
            fill(substituted.get(occupation.label()), occupation.elements(), occupation.charges(), counts.siteCounts.get(occupation.label()),
                    species, charges, random);
        }
        fillMobile(mobileFull, mobilePartial, counts.mobileIons, species, charges, vacant, random);
        for (List<Integer> group : mixedGroups.values()) {
            fillMixed(group, supercell, species, charges, random);
        }
        return GeneratedStructure.of(supercell.lattice, supercell.fracCoords, species, charges, vacant,
                EwaldMatrix.energy(supercell.ewald, charges));
    }

    private static void fill(List<Integer> sites, List<String> elements, List<Integer> elementCharges, int[] counts, String[] species,
            int[] charges, Random random) {
        List<Integer> order = shuffled(sites, random);
        int next = 0;
        for (int e = 0; e < elements.size(); e++) {
            for (int c = 0; c < counts[e]; c++) {
                int site = order.get(next++);
                species[site] = elements.get(e);
                charges[site] = elementCharges.get(e);
            }
        }
    }

    private void fillMobile(List<Integer> full, List<Integer> partial, int ions, String[] species, int[] charges,
            boolean[] vacant, Random random) {
        // fully occupied host sites (Na1) first, the partial ones (Na2) take the rest at random
        List<Integer> order = new ArrayList<>();
        if (ions >= full.size()) {
            order.addAll(full);
            order.addAll(shuffled(partial, random));
        } else {
            order.addAll(shuffled(full, random));
            order.addAll(partial);
        }
        for (int k = 0; k < order.size(); k++) {
            int site = order.get(k);
            species[site] = mobileIon;
            charges[site] = k < ions ? mobileIonCharge : 0;
            vacant[site] = k >= ions;
        }
    }

    private static void fillMixed(List<Integer> group, Supercell supercell, String[] species, int[] charges, Random random) {
        HostCell.Site first = supercell.hostSites.get(group.get(0));
        List<String> elements = new ArrayList<>(first.occupancy().keySet());
        List<Integer> elementCharges = elements.stream().map(e -> first.oxidationStates().get(e)).toList();
        int[] counts = new int[elements.size()];
        for (int e = 0; e < elements.size(); e++) {
            counts[e] = (int) Math.round(first.occupancy().get(elements.get(e)) * group.size());
        }
        fill(group, elements, elementCharges, counts, species, charges, random);
    }

    private static List<Integer> shuffled(List<Integer> sites, Random random) {
        List<Integer> copy = new ArrayList<>(sites);
        java.util.Collections.shuffle(copy, random);
        return copy;
    }

    /** The host cell repeated {@code multiple} times, with its Ewald matrix (computed once per multiple). */
    private static final class Supercell {
        final double[][] lattice;
        final List<HostCell.Site> hostSites = new ArrayList<>();
        final List<double[]> fracCoords = new ArrayList<>();
        final double[][] ewald;

        private Supercell(HostCell host, int[] repeats) {
            double[][] cell = host.matrix();
            lattice = new double[3][3];
            for (int d = 0; d < 3; d++) {
                for (int x = 0; x < 3; x++) {
                    lattice[d][x] = cell[d][x] * repeats[d];
                }
            }
            for (int u = 0; u < repeats[0]; u++) {
                for (int v = 0; v < repeats[1]; v++) {
                    for (int w = 0; w < repeats[2]; w++) {
                        for (HostCell.Site site : host.sites()) {
                            double[] f = site.fracCoords();
                            hostSites.add(site);
                            fracCoords.add(new double[] {(f[0] + u) / repeats[0], (f[1] + v) / repeats[1], (f[2] + w) / repeats[2]});
                        }
                    }
                }
            }
            ewald = EwaldMatrix.of(lattice, cartesian(lattice, fracCoords));
        }

        /** The supercell {@code matrix} (rows: its vectors in units of the host's), sites in lattice-point order. */
        private Supercell(HostCell host, int[][] matrix) {
            lattice = CellShapes.multiply(matrix, host.matrix());
            double[][] inverse = CellShapes.inverse(new double[][] {
                    {matrix[0][0], matrix[0][1], matrix[0][2]}, {matrix[1][0], matrix[1][1], matrix[1][2]}, {matrix[2][0], matrix[2][1], matrix[2][2]}});
            for (double[] point : CellShapes.latticePoints(matrix)) {
                for (HostCell.Site site : host.sites()) {
                    double[] f = site.fracCoords();
                    hostSites.add(site);
                    fracCoords.add(CellShapes.wrap(CellShapes.multiply(new double[] {f[0] + point[0], f[1] + point[1], f[2] + point[2]}, inverse)));
                }
            }
            ewald = EwaldMatrix.of(lattice, cartesian(lattice, fracCoords));
        }

        static Supercell of(HostCell host, int multiple) {
            return new Supercell(host, compactRepeats(host, multiple));
        }

        /** The most compact of all supercells of {@code multiple} host cells ({@link CellShapes#compactSupercell}). */
        static Supercell compact(HostCell host, int multiple) {
            return new Supercell(host, CellShapes.compactSupercell(host.matrix(), multiple));
        }

        /** The factorisation n1 n2 n3 = multiple whose supercell lengths are closest to each other. */
        static int[] compactRepeats(HostCell host, int multiple) {
            int[] best = {1, 1, multiple};
            double bestRatio = Double.POSITIVE_INFINITY;
            for (int a = 1; a <= multiple; a++) {
                for (int b = 1; a * b <= multiple; b++) {
                    if (multiple % (a * b) == 0) {
                        int c = multiple / (a * b);
                        double[] l = {host.lengths()[0] * a, host.lengths()[1] * b, host.lengths()[2] * c};
                        double ratio = Math.max(l[0], Math.max(l[1], l[2])) / Math.min(l[0], Math.min(l[1], l[2]));
                        if (ratio < bestRatio - 1e-9) {
                            bestRatio = ratio;
                            best = new int[] {a, b, c};
                        }
                    }
                }
            }
            return best;
        }
    }

    static double[][] cartesian(double[][] lattice, List<double[]> fracCoords) {
        double[][] cart = new double[fracCoords.size()][3];
        for (int i = 0; i < cart.length; i++) {
            double[] f = fracCoords.get(i);
            for (int x = 0; x < 3; x++) {
                cart[i][x] = f[0] * lattice[0][x] + f[1] * lattice[1][x] + f[2] * lattice[2][x];
            }
        }
        return cart;
    }
}
