package org.cgformer.design.api;

import org.cgformer.design.model.DesignSpace;
import org.eclipse.emf.common.util.Monitor;

/**
 * The design-space workflow as a service: enumerate and filter (funnel). Clustering and sampling
 * are plain algorithms ({@link AgglomerativeClustering}, {@link StratifiedSampling}). The funnel uses
 * every {@link RuleProvider} service registered (plus the built-in rules).
 */
public interface DesignWorkflow {

    /**
     * Streams all C(pool, dopantCount) combinations through the enabled rules in order.
     *
     * @param monitor progress in combinations; cancelling stops with a {@link DesignException}
     * @throws DesignException when the design space is invalid, a rule has no provider, or the run was cancelled
     */
    FunnelResult funnel(DesignSpace designSpace, Monitor monitor) throws DesignException;
}
