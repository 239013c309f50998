package org.cgformer.design.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.cgformer.design.api.Combinations;
import org.cgformer.design.api.CompositionDescriptors;
import org.cgformer.design.api.CompositionFilter;
import org.cgformer.design.api.DesignException;
import org.cgformer.design.api.DesignWorkflow;
import org.cgformer.design.api.FunnelResult;
import org.cgformer.design.api.RuleProvider;
import org.cgformer.design.model.DesignSpace;
import org.cgformer.design.model.Rule;
import org.cgformer.design.model.resource.DesignSpaceResources;
import org.cgformer.design.model.validation.DesignSpaceValidator;
import org.eclipse.emf.common.util.Diagnostic;
import org.eclipse.emf.common.util.Monitor;

/**
 * The funnel: every combination of the pool streams through the enabled rules in order; the count
 * after each rule is kept, and so are the survivors. Rule providers come from OSGi services (bound
 * by Declarative Services) after the built-in one; outside OSGi, {@link #addRuleProvider} adds them.
 */
public class DefaultDesignWorkflow implements DesignWorkflow {

    /** Combinations between two progress reports. */
    static final int PROGRESS_STEP = 10_000;

    private final List<RuleProvider> providers = new CopyOnWriteArrayList<>(List.of(new BuiltinRuleProvider()));

    public void addRuleProvider(RuleProvider provider) {
        providers.add(provider);
    }

    public void removeRuleProvider(RuleProvider provider) {
        providers.remove(provider);
    }

    @Override
    public FunnelResult funnel(DesignSpace designSpace, Monitor monitor) throws DesignException {
        requireValid(designSpace);
        CandidateSite site = new CandidateSite(designSpace);
        List<Rule> rules = enabledRules(designSpace);
        CompositionFilter[] filters = compile(rules, designSpace);
        long total = Combinations.binomial(site.poolSize(), site.dopantCount());
        long[] remaining = new long[filters.length];
        List<FunnelResult.Survivor> survivors = new ArrayList<>();
        monitor.beginTask("funnel", (int) Math.min(Integer.MAX_VALUE, (total + PROGRESS_STEP - 1) / PROGRESS_STEP));
        try {
            Combinations combinations = new Combinations(site.poolSize(), site.dopantCount());
            while (combinations.next()) {
                site.moveTo(combinations.indices());
                if (passes(site, filters, remaining)) {
                    survivors.add(survivor(site, combinations.rank()));
                }
                reportProgress(combinations.rank(), monitor);
            }
        } finally {
            monitor.done();
        }
        return new FunnelResult(total, steps(rules, remaining), List.copyOf(survivors));
    }

    private static void requireValid(DesignSpace designSpace) throws DesignException {
        Diagnostic diagnostic = DesignSpaceResources.validate(designSpace);
        if (diagnostic.getSeverity() >= Diagnostic.ERROR) {
            StringBuilder message = new StringBuilder(DesignSpaceValidator.label(designSpace)).append(" is invalid:");
            for (Diagnostic child : diagnostic.getChildren()) {
                if (child.getSeverity() >= Diagnostic.ERROR) {
                    message.append("\n  ").append(child.getMessage());
                }
            }
            throw new DesignException(message.toString());
        }
    }

    private static List<Rule> enabledRules(DesignSpace designSpace) {
        return designSpace.getRules().stream().filter(Rule::isEnabled).toList();
    }

    private CompositionFilter[] compile(List<Rule> rules, DesignSpace designSpace) throws DesignException {
        CompositionFilter[] filters = new CompositionFilter[rules.size()];
        for (int i = 0; i < rules.size(); i++) {
            filters[i] = providerFor(rules.get(i)).compile(rules.get(i), designSpace);
        }
        return filters;
    }

    private RuleProvider providerFor(Rule rule) throws DesignException {
        for (RuleProvider provider : providers) {
            if (provider.supports(rule)) {
                return provider;
            }
        }
        throw new DesignException(DesignSpaceValidator.label(rule) + ": no RuleProvider service evaluates rules of type "
                + rule.eClass().getName() + " (is the bundle that provides it installed?)");
    }

    /** Applies the filters in order, counting every one passed; true when all were. */
    private static boolean passes(CandidateSite site, CompositionFilter[] filters, long[] remaining) {
        for (int i = 0; i < filters.length; i++) {
            if (!filters[i].accepts(site)) {
                return false;
            }
            remaining[i]++;
        }
        return true;
    }

    private static FunnelResult.Survivor survivor(CandidateSite site, long rank) {
        return new FunnelResult.Survivor(rank, site.dopants(), site.formula(), site.mobileIonContent(),
                CompositionDescriptors.of(site));
    }

    private static void reportProgress(long rank, Monitor monitor) throws DesignException {
        if ((rank + 1) % PROGRESS_STEP == 0) {
            monitor.worked(1);
            if (monitor.isCanceled()) {
                throw new DesignException("funnel cancelled after " + (rank + 1) + " combinations");
            }
        }
    }

    private static List<FunnelResult.Step> steps(List<Rule> rules, long[] remaining) {
        List<FunnelResult.Step> steps = new ArrayList<>(rules.size());
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            steps.add(new FunnelResult.Step(rule.getName() != null ? rule.getName() : rule.eClass().getName(), remaining[i]));
        }
        return steps;
    }
}
