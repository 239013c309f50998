package org.cgformer.design.api;

import java.util.List;

/**
 * What a funnel run found: the number of combinations, the count left after each enabled rule, and
 * the survivors.
 *
 * @param combinations C(pool, dopantCount)
 * @param steps        one per enabled rule, in order
 * @param survivors    candidates that passed every rule, in lexicographic order
 */
public record FunnelResult(long combinations, List<Step> steps, List<Survivor> survivors) {

    /** The count left after one rule. */
    public record Step(String rule, long remaining) {
    }

    /**
     * One candidate that passed.
     *
     * @param rank             position of the combination in lexicographic order of pool indices
     * @param dopants          element symbols of the dopants, pool order
     * @param formula          formula unit with the doped site and the charge-balanced mobile-ion content
     * @param mobileIonContent mobile ions per formula unit
     * @param descriptors      {@link CompositionDescriptors#NAMES}, raw (not standardised)
     */
    public record Survivor(long rank, List<String> dopants, String formula, double mobileIonContent, double[] descriptors) {
    }

    /** Candidates left at the end. */
    public long remaining() {
        return steps.isEmpty() ? combinations : steps.get(steps.size() - 1).remaining();
    }

    /** {@code 148995 → 101270 → … → 830}. */
    public String summary() {
        StringBuilder text = new StringBuilder().append(combinations);
        for (Step step : steps) {
            text.append(" \u2192 ").append(step.remaining());
        }
        return text.toString();
    }
}
