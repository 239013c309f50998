package org.cgformer.design.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.cgformer.design.api.Combinations;
import org.cgformer.design.api.CompositionFilter;
import org.cgformer.design.api.DesignException;
import org.cgformer.design.api.FunnelResult;
import org.cgformer.design.api.RuleProvider;
import org.cgformer.design.internal.DefaultDesignWorkflow;
import org.cgformer.design.model.CustomRule;
import org.cgformer.design.model.DesignSpace;
import org.cgformer.design.model.DesignSpaceFactory;
import org.cgformer.design.model.Rule;
import org.cgformer.design.model.RuleParameter;
import org.cgformer.design.model.resource.DesignSpaceResources;
import org.eclipse.emf.common.util.BasicMonitor;
import org.junit.jupiter.api.Test;

class FunnelTest {

    private final DefaultDesignWorkflow workflow = new DefaultDesignWorkflow();

    @Test
    void binomialAndStreamingEnumerationAgreeOn148995() {
        assertEquals(148_995, Combinations.binomial(45, 4));
        Combinations combinations = new Combinations(45, 4);
        long count = 0;
        int[] previous = null;
        while (combinations.next()) {
            if (previous != null) {
                assertTrue(java.util.Arrays.compare(previous, combinations.indices()) < 0, "not lexicographic");
            }
            previous = combinations.indices().clone();
            assertEquals(count, combinations.rank());
            count++;
        }
        assertEquals(148_995, count);
        assertArrayEquals(new int[] {41, 42, 43, 44}, previous);
    }

    @Test
    void theExampleFunnelsAll148995CombinationsThroughItsRules() throws Exception {
        DesignSpace example = DesignSpaceResources.loadDesignSpace(Designs.EXAMPLE);
        FunnelResult result = workflow.funnel(example, new BasicMonitor());
        assertEquals(148_995, result.combinations());
        // counted independently (a Python enumeration of the same pool, radii and rules)
        assertEquals(List.of(101_270L, 73_815L, 23_751L, 2_834L, 830L),
                result.steps().stream().map(FunnelResult.Step::remaining).toList(), result.summary());
        assertEquals(830, result.survivors().size());
        assertEquals("exclude radioactive", result.steps().get(0).rule());
    }

    @Test
    void chargeBalanceGivesNaFromTheMeanSiteValence() throws Exception {
        // Zr4+ Ti4+ Hf4+ Nb5+ Ta5+: mean 4.4, Na = 3 + 2 (4 - 4.4) = 2.2
        FunnelResult.Survivor survivor = only(Designs.nasicon("Ti4", "Hf4", "Nb5", "Ta5"), Designs.naBetween(1, 4));
        assertEquals(2.2, survivor.mobileIonContent(), 1e-12);
        assertEquals("Na2.2Zr0.4Ti0.4Hf0.4Nb0.4Ta0.4Si2PO12", survivor.formula());
    }

    @Test
    void chargeBalanceRejectsNaOutsideTheWindowAndKeepsItsEdges() throws Exception {
        // Mg2 Zn2 Al3 Cr3 with Zr: mean 2.8 -> Na 5.4 (too much)
        assertEquals(0, survivors(Designs.nasicon("Mg2", "Zn2", "Al3", "Cr3"), Designs.naBetween(1, 4)));
        // Nb5 Ta5 Sb5 W6: mean 5.0 -> Na 1.0 (the lower edge, kept)
        assertEquals(1, survivors(Designs.nasicon("Nb5", "Ta5", "Sb5", "W6"), Designs.naBetween(1, 4)));
        // W6 Mo6 Nb5 Ta5: mean 5.2 -> Na 0.6 (too little)
        assertEquals(0, survivors(Designs.nasicon("W6", "Mo6", "Nb5", "Ta5"), Designs.naBetween(1, 4)));
        // Mg2 Ti4 Hf4 Sn4: mean 3.6 -> Na 3.8 (inside)
        assertEquals(1, survivors(Designs.nasicon("Mg2", "Ti4", "Hf4", "Sn4"), Designs.naBetween(1, 4)));
    }

    @Test
    void sizeDisorderRuleUsesAllCationsOfTheSite() throws Exception {
        // Zr .72 Hf .71 Sn .69 Nb .64 Ta .64 (Shannon CN VI): mean .68, delta = 0.05009
        DesignSpace small = Designs.nasicon("Hf4", "Sn4", "Nb5", "Ta5");
        assertEquals(1, survivors(small, Designs.sizeDisorderAtMost(0.0502)));
        assertEquals(0, survivors(Designs.nasicon("Hf4", "Sn4", "Nb5", "Ta5"), Designs.sizeDisorderAtMost(0.0500)));
        // La3+ (1.032) next to Al3+ (0.535) is far too disordered for the example's 0.11
        assertEquals(0, survivors(Designs.nasicon("La3", "Al3", "Ti4", "Nb5"), Designs.sizeDisorderAtMost(0.11)));
    }

    @Test
    void deviationFromHostRuleLooksAtEachDopant() throws Exception {
        // Mg2+ 0.72 = Zr4+; Ni2+ 0.69 is 4.2 % smaller; Al3+ 0.535 is 25.7 % smaller
        assertEquals(1, survivors(Designs.nasicon("Mg2", "Ni2"), Designs.deviationFromHostAtMost(0.05)));
        assertEquals(0, survivors(Designs.nasicon("Mg2", "Ni2"), Designs.deviationFromHostAtMost(0.04)));
        assertEquals(0, survivors(Designs.nasicon("Mg2", "Al3"), Designs.deviationFromHostAtMost(0.15)));
    }

    @Test
    void tagExclusionRemovesEveryCombinationWithATaggedDopant() throws Exception {
        // choose 2 of 4; the three pairs containing Cd go
        DesignSpace designSpace = Designs.nasicon(2, "Mg2", "Cd2:toxic,expensive", "Al3", "Ti4");
        designSpace.getRules().add(Designs.excluding("toxic"));
        FunnelResult result = workflow.funnel(designSpace, new BasicMonitor());
        assertEquals(6, result.combinations());
        assertEquals(3, result.remaining());
        assertTrue(result.survivors().stream().noneMatch(s -> s.dopants().contains("Cd")));
    }

    @Test
    void rulesApplyInOrderAndDisabledRulesAreSkipped() throws Exception {
        DesignSpace designSpace = Designs.nasicon(2, "Mg2", "Cd2:toxic", "Al3", "Nb5");
        designSpace.getRules().add(Designs.excluding("toxic"));      // 6 -> 3
        designSpace.getRules().add(Designs.naBetween(3.5, 4));        // Zr Mg Al: mean 3, Na 5; Mg Nb: mean 11/3, Na 3.67; Al Nb: mean 4, Na 3
        Rule disabled = Designs.sizeDisorderAtMost(0.001);
        disabled.setEnabled(false);
        designSpace.getRules().add(disabled);
        FunnelResult result = workflow.funnel(designSpace, new BasicMonitor());
        assertEquals("6 \u2192 3 \u2192 1", result.summary());
        assertEquals(List.of("Mg", "Nb"), result.survivors().get(0).dopants());
    }

    @Test
    void aRuleTypeAddedByAProviderTakesPartInTheFunnel() throws Exception {
        DesignSpace designSpace = Designs.nasicon(2, "Mg2", "Fe2", "Al3", "Nb5");
        CustomRule rule = DesignSpaceFactory.eINSTANCE.createCustomRule();
        rule.setName("no iron");
        rule.setType("lab.exclude-element");
        RuleParameter parameter = DesignSpaceFactory.eINSTANCE.createRuleParameter();
        parameter.setKey("element");
        parameter.setValue("Fe");
        rule.getParameters().add(parameter);
        designSpace.getRules().add(rule);
        DesignException missing = assertThrows(DesignException.class, () -> workflow.funnel(designSpace, new BasicMonitor()));
        assertTrue(missing.getMessage().contains("rule 1 'no iron'"), missing.getMessage());
        workflow.addRuleProvider(new ExcludeElement());
        assertEquals(3, workflow.funnel(designSpace, new BasicMonitor()).remaining());
    }

    @Test
    void anInvalidDesignSpaceIsRefusedWithTheValidatorsMessages() {
        DesignSpace designSpace = Designs.nasicon(5, "Mg2", "Al3");
        DesignException error = assertThrows(DesignException.class, () -> workflow.funnel(designSpace, new BasicMonitor()));
        assertTrue(error.getMessage().contains("dopantCount 5 must be between 1 and the pool size (2 dopants)"), error.getMessage());
    }

    private FunnelResult.Survivor only(DesignSpace designSpace, Rule rule) throws DesignException {
        designSpace.getRules().add(rule);
        List<FunnelResult.Survivor> survivors = workflow.funnel(designSpace, new BasicMonitor()).survivors();
        assertEquals(1, survivors.size());
        return survivors.get(0);
    }

    private int survivors(DesignSpace designSpace, Rule rule) throws DesignException {
        designSpace.getRules().add(rule);
        return workflow.funnel(designSpace, new BasicMonitor()).survivors().size();
    }

    /** A lab's rule type: excludes one element, given as parameter "element". */
    static final class ExcludeElement implements RuleProvider {
        @Override
        public boolean supports(Rule rule) {
            return rule instanceof CustomRule custom && "lab.exclude-element".equals(custom.getType());
        }

        @Override
        public CompositionFilter compile(Rule rule, DesignSpace designSpace) {
            String element = ((CustomRule) rule).getParameters().get(0).getValue();
            return composition -> {
                for (int i = 0; i < composition.size(); i++) {
                    if (composition.element(i).equals(element)) {
                        return false;
                    }
                }
                return true;
            };
        }
    }
}
