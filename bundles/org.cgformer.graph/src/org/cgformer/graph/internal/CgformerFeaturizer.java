package org.cgformer.graph.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.cgformer.graph.api.AbstractFeaturizer;
import org.cgformer.graph.api.CrystalGraph;
import org.cgformer.graph.api.FeatureColumn;
import org.cgformer.graph.api.FeaturizationException;
import org.cgformer.graph.api.GaussianExpansion;
import org.cgformer.graph.api.GraphOptions;
import org.cgformer.graph.api.GraphTopology;
import org.cgformer.structure.api.Element;
import org.cgformer.structure.api.Site;
import org.cgformer.structure.api.Species;
import org.cgformer.structure.api.Structure;

/**
 * The CGformer article's crystal-graph encoding: element properties, oxidation state, site
 * occupancy and multiplicity per node; Gaussian distances and bond type per edge; lattice system,
 * oxidation-state source and density per graph. Every column and its scaling is documented in
 * {@link #nodeColumns()}, {@link #edgeColumns()} and {@link #graphColumns()}.
 *
 * <p>Species-level columns (the first {@value #SPECIES_COLUMNS}) are occupancy-weighted sums over a
 * site's species, so a site 2/3 occupied by Na gets 2/3 of Na's values and a Si 2/3 / P 1/3 site the
 * mix; site-level columns describe the site as a whole. Oxidation states come from the file, else
 * bond-valence sums, else a neutral combination of common states, else 0 (see
 * {@link OxidationStates}).
 */
public class CgformerFeaturizer extends AbstractFeaturizer {

    public static final String NAME = "cgformer";
    public static final String VERSION = "1.0.0";
    static final int SPECIES_COLUMNS = 11;
    /** A site charge within this of 0 (elementary charges) is neutral. */
    static final double NEUTRAL_CHARGE_TOLERANCE = 1e-6;

    private static final List<FeatureColumn> NODE_COLUMNS = List.of(
            column("electronegativity", "Pauling electronegativity / 4 (0 for noble gases); occupancy-weighted"),
            column("covalent_radius", "covalent radius in Å / 3 (Slater's atomic radius, see Element); occupancy-weighted"),
            column("ionic_radius", "ionic radius in Å at the species' oxidation state / 3 (pymatgen's ionic radii; the "
                    + "covalent radius for charge 0 or an unlisted charge); occupancy-weighted"),
            column("group", "IUPAC group 1-18 / 18 (lanthanides, actinides 3); occupancy-weighted"),
            column("period", "period 1-7 / 7; occupancy-weighted"),
            column("valence_electrons", "valence electrons from the group (1-12: group, 13-18: group - 10; "
                    + "lanthanides, actinides 3) / 12; occupancy-weighted"),
            column("atomic_mass", "atomic mass in u / 250; occupancy-weighted"),
            column("atomic_number", "Z / 100; occupancy-weighted"),
            column("oxidation_state", "oxidation state / 8 (from the file, bond-valence sums, charge balance, else 0); "
                    + "occupancy-weighted"),
            column("cation", "1 for a species with positive oxidation state, else 0; occupancy-weighted"),
            column("anion", "1 for a species with negative oxidation state, else 0; occupancy-weighted"),
            column("occupancy", "total occupancy of the site, in (0, 1]"),
            column("disordered", "1 when the site holds several species or is partially occupied, else 0"),
            column("multiplicity", "sites of the cell sharing this site's label and majority element (the orbit the "
                    + "reader expanded from one asymmetric-unit site) / sites in the cell, in (0, 1]; 1/n for P1 files "
                    + "with unique labels"));

    private static final String[] SOURCES = {"file", "bond_valence", "balanced", "unknown"};

    private static final GaussianExpansion GAUSSIANS = GaussianExpansion.cgcnn();

    public CgformerFeaturizer() {
        super(NAME, VERSION, "CGformer article encoding: element properties, oxidation state, occupancy, multiplicity; "
                + "Gaussian distances and bond type; lattice system", NODE_COLUMNS, edgeColumnList(), graphColumnList());
    }

    private static List<FeatureColumn> edgeColumnList() {
        List<FeatureColumn> edges = new ArrayList<>(GAUSSIANS.columns());
        edges.add(column("cation_anion", "1 when one end is a cation and the other an anion (site charge = "
                + "occupancy-weighted mean oxidation state), else 0"));
        edges.add(column("cation_cation", "1 when both ends are cations, else 0"));
        edges.add(column("anion_anion", "1 when both ends are anions, else 0"));
        edges.add(column("neutral", "1 when an end has charge 0 (unknown oxidation states, metals), else 0"));
        return edges;
    }

    private static List<FeatureColumn> graphColumnList() {
        List<FeatureColumn> graph = new ArrayList<>();
        for (LatticeSystem system : LatticeSystem.values()) {
            String name = system.name().toLowerCase(Locale.ROOT);
            graph.add(column("lattice_" + name, "1 when the cell's lattice system (from its parameters, tolerances "
                    + LatticeSystem.LENGTH_TOLERANCE + " relative, " + LatticeSystem.ANGLE_TOLERANCE_DEGREES
                    + " degrees) is " + name + ", else 0"));
        }
        for (String source : SOURCES) {
            graph.add(column("oxidation_" + source, "1 when oxidation states came from: " + source + ", else 0"));
        }
        graph.add(column("volume_per_site", "cell volume per site in Å^3 / 50"));
        graph.add(column("density", "density in g/cm^3 / 10 (occupancy-weighted mass)"));
        return graph;
    }

    private static FeatureColumn column(String name, String description) {
        return new FeatureColumn(name, description);
    }

    @Override
    public CrystalGraph featurize(Structure structure, GraphOptions options) throws FeaturizationException {
        GraphTopology topology = GraphTopology.of(structure, options);
        OxidationStates charges = OxidationStates.of(structure);
        double[] siteCharge = new double[structure.size()];
        float[] nodes = nodeFeatures(structure, charges, siteCharge);
        float[] edges = edgeFeatures(topology, siteCharge);
        return CrystalGraph.of(topology, this, nodes, edges, graphFeatures(structure, charges));
    }

    private float[] nodeFeatures(Structure structure, OxidationStates charges, double[] siteCharge) {
        int width = NODE_COLUMNS.size();
        float[] nodes = new float[structure.size() * width];
        Map<String, Integer> orbitSizes = orbitSizes(structure);
        double[] species = new double[SPECIES_COLUMNS];
        for (int i = 0; i < structure.size(); i++) {
            Site site = structure.site(i);
            int k = 0;
            double chargeSum = 0;
            for (Map.Entry<Species, Double> e : site.occupancies().entrySet()) {
                double charge = charges.charge(i, k++);
                speciesFeatures(e.getKey().element(), charge, species);
                for (int c = 0; c < SPECIES_COLUMNS; c++) {
                    nodes[i * width + c] += (float) (e.getValue() * species[c]);
                }
                chargeSum += e.getValue() * charge;
            }
            double occupancy = site.totalOccupancy();
            siteCharge[i] = chargeSum / occupancy;
            nodes[i * width + SPECIES_COLUMNS] = (float) Math.min(1, occupancy);
            nodes[i * width + SPECIES_COLUMNS + 1] = site.isOrdered() ? 0 : 1;
            nodes[i * width + SPECIES_COLUMNS + 2] = (float) orbitSizes.get(orbitKey(site)) / structure.size();
        }
        return nodes;
    }

    private static void speciesFeatures(Element element, double charge, double[] out) {
        out[0] = ElementProperties.electronegativity(element) / 4;
        out[1] = ElementProperties.covalentRadius(element) / 3;
        out[2] = ElementProperties.ionicRadius(element, charge) / 3;
        out[3] = element.group() / 18.0;
        out[4] = ElementProperties.period(element) / 7.0;
        out[5] = ElementProperties.valenceElectrons(element) / 12.0;
        out[6] = element.atomicMass() / 250;
        out[7] = element.atomicNumber() / 100.0;
        out[8] = charge / 8;
        out[9] = charge > 0 ? 1 : 0;
        out[10] = charge < 0 ? 1 : 0;
    }

    private static Map<String, Integer> orbitSizes(Structure structure) {
        Map<String, Integer> sizes = new HashMap<>();
        for (Site site : structure.sites()) {
            sizes.merge(orbitKey(site), 1, Integer::sum);
        }
        return sizes;
    }

    private static String orbitKey(Site site) {
        return site.label() + "|" + site.majoritySpecies().element().symbol();
    }

    private float[] edgeFeatures(GraphTopology topology, double[] siteCharge) {
        int gaussianCount = GAUSSIANS.size();
        int width = edgeColumns().size();
        float[] edges = GAUSSIANS.expandEdges(topology, width);
        int m = topology.maxNeighbours();
        for (int i = 0; i < topology.nodes(); i++) {
            for (int s = 0; s < m; s++) {
                if (topology.isEdge(i, s)) {
                    int type = bondType(siteCharge[i], siteCharge[topology.neighbour(i, s)]);
                    edges[(i * m + s) * width + gaussianCount + type] = 1;
                }
            }
        }
        return edges;
    }

    /** 0 cation–anion, 1 cation–cation, 2 anion–anion, 3 neutral (the order of the edge columns). */
    private static int bondType(double q1, double q2) {
        int s1 = sign(q1);
        int s2 = sign(q2);
        if (s1 == 0 || s2 == 0) {
            return 3;
        }
        if (s1 != s2) {
            return 0;
        }
        return s1 > 0 ? 1 : 2;
    }

    private static int sign(double charge) {
        return Math.abs(charge) <= NEUTRAL_CHARGE_TOLERANCE ? 0 : charge > 0 ? 1 : -1;
    }

    private float[] graphFeatures(Structure structure, OxidationStates charges) {
        float[] graph = new float[graphColumns().size()];
        graph[LatticeSystem.of(structure.lattice()).ordinal()] = 1;
        int base = LatticeSystem.values().length;
        graph[base + charges.source().ordinal()] = 1;
        graph[base + SOURCES.length] = (float) (structure.volume() / structure.size() / 50);
        graph[base + SOURCES.length + 1] = (float) (structure.density() / 10);
        return graph;
    }
}
