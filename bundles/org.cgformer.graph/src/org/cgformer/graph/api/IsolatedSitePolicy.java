package org.cgformer.graph.api;

/** What graph building does with a site that has no neighbour within the cutoff. */
public enum IsolatedSitePolicy {
    /** Refuse the structure with a {@link FeaturizationException} naming the site (default). */
    FAIL,
    /**
     * Keep the site as a node without edges: all its M neighbour slots are padding (mask false),
     * its out-degree is 0 and every other node is unreachable from it. Features stay finite.
     */
    KEEP_ISOLATED
}
