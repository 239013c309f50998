package org.cgformer.graph.example;

import java.util.List;
import java.util.Map;

import org.cgformer.graph.api.CrystalGraph;
import org.cgformer.graph.api.FeatureColumn;
import org.cgformer.graph.api.FeaturizationException;
import org.cgformer.graph.api.Featurizer;
import org.cgformer.graph.api.GraphOptions;
import org.cgformer.graph.api.GraphTopology;
import org.cgformer.structure.api.Site;
import org.cgformer.structure.api.Species;
import org.cgformer.structure.api.Structure;

/**
 * A lab's own featurizer, contributed from a bundle of its own with nothing but the graph API:
 * node = sodium occupancy of the site, edge = distance / cutoff, graph = sodium fraction. Used by
 * the tests to show that a featurizer from another bundle is found and used by name.
 */
public class SodiumFeaturizer implements Featurizer {

    @Override
    public String name() {
        return "sodium-example";
    }

    @Override
    public String version() {
        return "0.1.0";
    }

    @Override
    public String description() {
        return "test featurizer from bundle org.cgformer.graph.example: Na occupancy per site, scaled distances";
    }

    @Override
    public List<FeatureColumn> nodeColumns() {
        return List.of(new FeatureColumn("sodium", "occupancy of Na on the site, in [0, 1]"));
    }

    @Override
    public List<FeatureColumn> edgeColumns() {
        return List.of(new FeatureColumn("distance", "edge length / cutoff, in (0, 1]; 0 in padding"));
    }

    @Override
    public List<FeatureColumn> graphColumns() {
        return List.of(new FeatureColumn("sodium_fraction", "Na atoms / atoms in the cell (occupancy-weighted)"));
    }

    @Override
    public CrystalGraph featurize(Structure structure, GraphOptions options) throws FeaturizationException {
        GraphTopology topology = GraphTopology.of(structure, options);
        int n = topology.nodes();
        int m = topology.maxNeighbours();
        float[] nodes = new float[n];
        for (int i = 0; i < n; i++) {
            Site site = structure.site(i);
            for (Map.Entry<Species, Double> e : site.occupancies().entrySet()) {
                if (e.getKey().symbol().equals("Na")) {
                    nodes[i] += e.getValue().floatValue();
                }
            }
        }
        float[] edges = new float[n * m];
        for (int i = 0; i < n; i++) {
            for (int s = 0; s < m; s++) {
                if (topology.isEdge(i, s)) {
                    edges[i * m + s] = (float) (topology.distance(i, s) / options.cutoffAngstrom());
                }
            }
        }
        float sodium = (float) (structure.composition().amount("Na") / structure.composition().numberOfAtoms());
        return CrystalGraph.of(topology, this, nodes, edges, new float[] {sodium});
    }
}
