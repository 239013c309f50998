package org.cgformer.graph.internal;

import java.util.ArrayList;
import java.util.List;
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
 * CGCNN's features (Xie & Grossman 2018): node = the 92-number {@code atom_init} vector of the
 * element, edge = the edge length expanded on 41 Gaussians (0–8 Å, step 0.2 Å, σ = 0.2 Å), no
 * graph-level features. A disordered site gets the occupancy-weighted sum of its species' vectors
 * (Na at 2/3 occupancy: 2/3 of Na's row; Si 2/3 + P 1/3: the mix), so vacancies lower the vector.
 * Elements beyond Z = 100 have no row and are refused, naming the site.
 */
public class CgcnnFeaturizer extends AbstractFeaturizer {

    public static final String NAME = "cgcnn";
    public static final String VERSION = "1.0.0";

    private static final GaussianExpansion GAUSSIANS = GaussianExpansion.cgcnn();

    private final AtomInitTable table;

    public CgcnnFeaturizer() {
        this(AtomInitTable.load());
    }

    CgcnnFeaturizer(AtomInitTable table) {
        super(NAME, VERSION, "CGCNN (Xie & Grossman 2018): 92-number atom_init per element, Gaussian-expanded distances 0-8 Å "
                + "step 0.2 Å", nodeColumns(table), GAUSSIANS.columns(), List.of());
        this.table = table;
    }

    private static List<FeatureColumn> nodeColumns(AtomInitTable table) {
        List<FeatureColumn> columns = new ArrayList<>();
        for (int k = 0; k < table.width(); k++) {
            columns.add(new FeatureColumn("atom_init_" + k, "entry " + k + " of CGCNN's atom_init vector (one-hot bins of "
                    + "group, period, electronegativity, covalent radius, valence electrons, ionisation energy, electron "
                    + "affinity, block, atomic volume); occupancy-weighted sum over the site's species, in [0, 1]"));
        }
        return columns;
    }

    @Override
    public CrystalGraph featurize(Structure structure, GraphOptions options) throws FeaturizationException {
        float[] nodes = nodeFeatures(structure);
        GraphTopology topology = GraphTopology.of(structure, options);
        float[] edges = GAUSSIANS.expandEdges(topology, GAUSSIANS.size());
        return CrystalGraph.of(topology, this, nodes, edges, new float[0]);
    }

    private float[] nodeFeatures(Structure structure) throws FeaturizationException {
        int width = table.width();
        float[] nodes = new float[structure.size() * width];
        for (int i = 0; i < structure.size(); i++) {
            Site site = structure.site(i);
            for (Map.Entry<Species, Double> e : site.occupancies().entrySet()) {
                float[] row = table.rowOrNull(e.getKey().element());
                if (row == null) {
                    throw new FeaturizationException(String.format("site %d '%s' of %s: element %s (Z = %d) has no row in "
                            + "CGCNN's atom_init table (Z = 1..%d)", i, site.label(), structure.formula(),
                            e.getKey().symbol(), e.getKey().element().atomicNumber(), table.maxAtomicNumber()));
                }
                float occupancy = e.getValue().floatValue();
                for (int k = 0; k < width; k++) {
                    nodes[i * width + k] += occupancy * row[k];
                }
            }
        }
        return nodes;
    }
}
