package org.cgformer.design.api;

import org.cgformer.design.model.DesignSpace;
import org.cgformer.design.model.Rule;

/**
 * Evaluates rule types: how a lab adds a rule to the funnel. Register an implementation as an OSGi
 * service (a Declarative Services component providing {@code org.cgformer.design.api.RuleProvider}).
 * The rule itself lives in the design-space file either as a {@code CustomRule} whose {@code type}
 * the provider recognises (no model change needed; parameters are key/value strings) or as an
 * instance of the lab's own EClass that extends {@code Rule} in its own .ecore (typed parameters,
 * editor support). The built-in rules are provided the same way.
 */
public interface RuleProvider {

    /** Whether this provider evaluates {@code rule}. */
    boolean supports(Rule rule);

    /**
     * Compiles the rule for one funnel run (resolve parameters once here, not per combination).
     *
     * @throws DesignException when a parameter is unusable; the message names the rule
     */
    CompositionFilter compile(Rule rule, DesignSpace designSpace) throws DesignException;
}
