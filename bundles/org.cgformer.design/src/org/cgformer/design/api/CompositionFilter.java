package org.cgformer.design.api;

/** A compiled rule: whether a candidate passes. Called once per combination, so keep it cheap. */
@FunctionalInterface
public interface CompositionFilter {

    boolean accepts(SiteComposition composition);
}
