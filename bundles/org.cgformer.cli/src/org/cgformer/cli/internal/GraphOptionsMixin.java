package org.cgformer.cli.internal;

import org.cgformer.graph.api.GraphOptions;
import org.cgformer.graph.api.IsolatedSitePolicy;

import picocli.CommandLine.Option;

/** The graph options shared by {@code featurize} and {@code bench graphs}. */
class GraphOptionsMixin {

    @Option(names = "--max-neighbours", defaultValue = "12", paramLabel = "M",
            description = "Neighbour slots per site, nearest first (default: ${DEFAULT-VALUE}).")
    int maxNeighbours;

    @Option(names = "--cutoff", defaultValue = "8", paramLabel = "ANGSTROM",
            description = "Neighbour search radius in Å (default: ${DEFAULT-VALUE}).")
    double cutoffAngstrom;

    @Option(names = "--max-path", defaultValue = "20", paramLabel = "N",
            description = "Shortest-path lengths are capped at N (default: ${DEFAULT-VALUE}).")
    int maxPathLength;

    @Option(names = "--keep-isolated",
            description = "Keep sites without neighbours inside the cutoff as edgeless nodes instead of refusing the structure.")
    boolean keepIsolated;

    /** @throws IllegalArgumentException naming the bad value */
    GraphOptions options() {
        return GraphOptions.builder().optMaxNeighbours(maxNeighbours).optCutoff(cutoffAngstrom)
                .optMaxPathLength(maxPathLength)
                .optIsolatedSites(keepIsolated ? IsolatedSitePolicy.KEEP_ISOLATED : IsolatedSitePolicy.FAIL).build();
    }
}
