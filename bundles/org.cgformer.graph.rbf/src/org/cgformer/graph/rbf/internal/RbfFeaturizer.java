package org.cgformer.graph.rbf.internal;

import java.util.ArrayList;
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
import org.cgformer.structure.api.Site;
import org.cgformer.structure.api.Species;
import org.cgformer.structure.api.Structure;

/**
 * SchNet's inputs (Schütt et al., J. Chem. Phys. 148, 241722, 2018) as a featurizer written against the
 * graph API only. Node = one-hot atomic number Z = 1..{@value #MAX_ATOMIC_NUMBER} (a network's linear layer
 * over it is SchNet's element embedding); a disordered site gets the occupancy-weighted mix. Edge = the
 * edge length d on {@value #CENTRES} Gaussians exp(−γ (d − μ_k)²), μ_k = 0, 0.1, …, 8 Å, γ = 10 Å⁻² (SchNet's
 * spacing and width), then one last column, the cosine cutoff envelope ½ (cos(π d / r_c) + 1) with r_c
 * the graph's cutoff, that SchNet multiplies its filters with so that they go smoothly to zero at r_c.
 * No graph-level features.
 */
public class RbfFeaturizer extends AbstractFeaturizer {

    public static final String NAME = "rbf";
    public static final String VERSION = "1.0.0";

    /** Largest atomic number with a one-hot column. */
    static final int MAX_ATOMIC_NUMBER = 100;
    /** Spacing of the Gaussian centres in Å (SchNet: 0.1 Å). */
    static final double SPACING_ANGSTROM = 0.1;
    /** Largest centre in Å (the default graph cutoff). */
    static final double LAST_CENTRE_ANGSTROM = 8.0;
    /** SchNet's γ in Å⁻²: exp(−γ (d − μ)²) is exp(−(d − μ)² / σ²) with σ = 1/√γ. */
    static final double GAMMA_PER_ANGSTROM2 = 10.0;
    static final int CENTRES = 81;

    private static final GaussianExpansion GAUSSIANS = GaussianExpansion.of(0, LAST_CENTRE_ANGSTROM, SPACING_ANGSTROM,
            1 / Math.sqrt(GAMMA_PER_ANGSTROM2));

    public RbfFeaturizer() {
        super(NAME, VERSION, String.format(Locale.ROOT, "SchNet inputs: one-hot Z (1-%d), distances on %d Gaussians 0-8 Å step "
                + "0.1 Å, gamma 10/Å², cosine cutoff envelope", MAX_ATOMIC_NUMBER, GAUSSIANS.size()), nodeColumnList(),
                edgeColumnList(), List.of());
    }

    private static List<FeatureColumn> nodeColumnList() {
        List<FeatureColumn> nodes = new ArrayList<>();
        for (int z = 1; z <= MAX_ATOMIC_NUMBER; z++) {
            nodes.add(new FeatureColumn("z_" + z, "occupancy of the element with atomic number " + z + " on the site, in [0, 1]"));
        }
        return nodes;
    }

    private static List<FeatureColumn> edgeColumnList() {
        List<FeatureColumn> edges = new ArrayList<>(GAUSSIANS.columns());
        edges.add(new FeatureColumn("cosine_cutoff", "0.5 (cos(pi d / r_c) + 1) of the edge length d and the graph's cutoff r_c; "
                + "in [0, 1], 0 in padding slots"));
        return edges;
    }

    @Override
    public CrystalGraph featurize(Structure structure, GraphOptions options) throws FeaturizationException {
        float[] nodes = nodeFeatures(structure);
        GraphTopology topology = GraphTopology.of(structure, options);
        return CrystalGraph.of(topology, this, nodes, edgeFeatures(topology, options.cutoffAngstrom()), new float[0]);
    }

    private float[] nodeFeatures(Structure structure) throws FeaturizationException {
        float[] nodes = new float[structure.size() * MAX_ATOMIC_NUMBER];
        for (int i = 0; i < structure.size(); i++) {
            Site site = structure.site(i);
            for (Map.Entry<Species, Double> e : site.occupancies().entrySet()) {
                int z = e.getKey().element().atomicNumber();
                if (z < 1 || z > MAX_ATOMIC_NUMBER) {
                    throw new FeaturizationException(String.format(Locale.ROOT, "site %d '%s' of %s: element %s (Z = %d) has no one-hot "
                            + "column (Z = 1..%d)", i, site.label(), structure.formula(), e.getKey().symbol(), z, MAX_ATOMIC_NUMBER));
                }
                nodes[i * MAX_ATOMIC_NUMBER + z - 1] += e.getValue().floatValue();
            }
        }
        return nodes;
    }

    private float[] edgeFeatures(GraphTopology topology, double cutoffAngstrom) {
        int m = topology.maxNeighbours();
        int width = edgeColumns().size();
        float[] edges = GAUSSIANS.expandEdges(topology, width);
        for (int i = 0; i < topology.nodes(); i++) {
            for (int s = 0; s < m; s++) {
                if (topology.isEdge(i, s)) {
                    edges[(i * m + s) * width + width - 1] = (float) cosineCutoff(topology.distance(i, s), cutoffAngstrom);
                }
            }
        }
        return edges;
    }

    /** ½ (cos(π d / r_c) + 1) for d below r_c, else 0. */
    static double cosineCutoff(double distanceAngstrom, double cutoffAngstrom) {
        return distanceAngstrom >= cutoffAngstrom ? 0 : 0.5 * (Math.cos(Math.PI * distanceAngstrom / cutoffAngstrom) + 1);
    }
}
