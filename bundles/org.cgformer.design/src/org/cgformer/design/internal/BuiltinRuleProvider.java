package org.cgformer.design.internal;

import java.util.Set;

import org.cgformer.design.api.CompositionFilter;
import org.cgformer.design.api.DesignException;
import org.cgformer.design.api.RuleProvider;
import org.cgformer.design.api.SiteComposition;
import org.cgformer.design.model.ChargeBalanceRule;
import org.cgformer.design.model.DesignSpace;
import org.cgformer.design.model.ElementTagExclusionRule;
import org.cgformer.design.model.IonicRadiusMismatchRule;
import org.cgformer.design.model.RadiusMismatchMetric;
import org.cgformer.design.model.Rule;

/** Evaluates the rule types of the design-space model itself. */
public final class BuiltinRuleProvider implements RuleProvider {

    /** Slack for floating-point comparisons against window limits (mobile ions per formula unit, fractions). */
    static final double LIMIT_TOLERANCE = 1e-9;

    @Override
    public boolean supports(Rule rule) {
        return rule instanceof ElementTagExclusionRule || rule instanceof IonicRadiusMismatchRule
                || rule instanceof ChargeBalanceRule;
    }

    @Override
    public CompositionFilter compile(Rule rule, DesignSpace designSpace) throws DesignException {
        if (rule instanceof ElementTagExclusionRule tags) {
            return excludingTags(Set.copyOf(tags.getTags()));
        } else if (rule instanceof IonicRadiusMismatchRule radius) {
            return radius.getMetric() == RadiusMismatchMetric.SIZE_DISORDER
                    ? sizeDisorderAtMost(radius.getLimit())
                    : deviationFromHostAtMost(radius.getLimit());
        } else if (rule instanceof ChargeBalanceRule charge) {
            return mobileIonContentWithin(charge.getMinMobileIonContent(), charge.getMaxMobileIonContent());
        }
        throw new DesignException("rule '" + rule.getName() + "' (" + rule.eClass().getName() + ") is not a built-in rule");
    }

    /** Rejects a candidate when any of its dopants carries one of the tags. */
    static CompositionFilter excludingTags(Set<String> excluded) {
        return composition -> {
            for (int i = 0; i < composition.size(); i++) {
                for (String tag : composition.tags(i)) {
                    if (excluded.contains(tag)) {
                        return false;
                    }
                }
            }
            return true;
        };
    }

    /** delta = sqrt(sum c_i (1 - r_i / r_mean)^2) over all cations of the site. */
    static double sizeDisorder(SiteComposition composition) {
        double mean = 0;
        for (int i = 0; i < composition.size(); i++) {
            mean += composition.fraction(i) * composition.ionicRadius(i);
        }
        double sum = 0;
        for (int i = 0; i < composition.size(); i++) {
            double relative = 1 - composition.ionicRadius(i) / mean;
            sum += composition.fraction(i) * relative * relative;
        }
        return Math.sqrt(sum);
    }

    static CompositionFilter sizeDisorderAtMost(double limit) {
        return composition -> sizeDisorder(composition) <= limit + LIMIT_TOLERANCE;
    }

    static CompositionFilter deviationFromHostAtMost(double limit) {
        return composition -> {
            for (int i = 0; i < composition.size(); i++) {
                double deviation = Math.abs(composition.ionicRadius(i) - composition.hostIonicRadius()) / composition.hostIonicRadius();
                if (!composition.isHost(i) && deviation > limit + LIMIT_TOLERANCE) {
                    return false;
                }
            }
            return true;
        };
    }

    static CompositionFilter mobileIonContentWithin(double min, double max) {
        return composition -> {
            double content = composition.mobileIonContent();
            return content >= min - LIMIT_TOLERANCE && content <= max + LIMIT_TOLERANCE;
        };
    }
}
