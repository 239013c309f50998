package org.cgformer.design.model.validation;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

import org.cgformer.design.model.ChargeBalanceRule;
import org.cgformer.design.model.CustomRule;
import org.cgformer.design.model.DesignSpace;
import org.cgformer.design.model.DesignSpacePackage;
import org.cgformer.design.model.Dopant;
import org.cgformer.design.model.ElementTagExclusionRule;
import org.cgformer.design.model.IonicRadiusMismatchRule;
import org.cgformer.design.model.Rule;
import org.cgformer.design.model.SubstitutedSite;
import org.cgformer.design.model.resource.DesignSpaceResources;
import org.cgformer.structure.api.Element;
import org.eclipse.emf.common.util.BasicDiagnostic;
import org.eclipse.emf.common.util.Diagnostic;
import org.eclipse.emf.common.util.DiagnosticChain;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EPackage;
import org.eclipse.emf.ecore.util.EObjectValidator;

/**
 * Checks a design space beyond EMF's structural constraints. Every message starts with the object
 * it is about ({@code dopant 'Xx' (pool entry 7)}, {@code rule 'charge balance'}, …) and quotes the
 * offending value, so a user finds it in the file without the editor.
 */
public class DesignSpaceValidator extends EObjectValidator {

    public static final DesignSpaceValidator INSTANCE = new DesignSpaceValidator();
    public static final String DIAGNOSTIC_SOURCE = "org.cgformer.design.model";

    public static final int UNKNOWN_ELEMENT = 1;
    public static final int FRACTIONS = 2;
    public static final int DOPANT_COUNT = 3;
    public static final int HOST_STRUCTURE = 4;
    public static final int IONIC_RADIUS = 5;
    public static final int DUPLICATE_DOPANT = 6;
    public static final int RULE_PARAMETER = 7;
    public static final int SITE = 8;

    /** Largest accepted |sum of fractions - 1|. */
    public static final double FRACTION_SUM_TOLERANCE = 1e-6;

    @Override
    protected EPackage getEPackage() {
        return DesignSpacePackage.eINSTANCE;
    }

    @Override
    protected boolean validate(int classifierID, Object value, DiagnosticChain diagnostics, Map<Object, Object> context) {
        if (!(value instanceof EObject object)) {
            return true;   // a data value (enum literal): its conformance was checked by the caller
        }
        boolean valid = validate_EveryDefaultConstraint(object, diagnostics, context);
        Problems problems = new Problems(object, diagnostics);
        if (object instanceof DesignSpace designSpace) {
            validateDesignSpace(designSpace, problems);
        } else if (object instanceof SubstitutedSite site) {
            validateSite(site, problems);
        } else if (object instanceof Dopant dopant) {
            validateDopant(dopant, problems);
        } else if (object instanceof Rule rule) {
            validateRule(rule, problems);
        }
        return valid && problems.none();
    }

    private void validateDesignSpace(DesignSpace designSpace, Problems problems) {
        String label = label(designSpace);
        validateHostStructure(designSpace, label, problems);
        int poolSize = designSpace.getPool().size();
        if (designSpace.getDopantCount() < 1 || designSpace.getDopantCount() > poolSize) {
            problems.error(DOPANT_COUNT, "%s: dopantCount %d must be between 1 and the pool size (%d dopants)",
                    label, designSpace.getDopantCount(), poolSize);
        }
        if (!isKnownElement(designSpace.getMobileIon())) {
            problems.error(UNKNOWN_ELEMENT, "%s: unknown mobile-ion element '%s'", label, designSpace.getMobileIon());
        }
        if (designSpace.getMobileIonOxidationState() <= 0) {
            problems.error(SITE, "%s: mobileIonOxidationState %d must be positive", label,
                    designSpace.getMobileIonOxidationState());
        }
        validateFractions(designSpace, label, problems);
        validateDuplicates(designSpace, label, problems);
    }

    private static void validateHostStructure(DesignSpace designSpace, String label, Problems problems) {
        String host = designSpace.getHostStructure();
        if (host == null || host.isBlank()) {
            problems.error(HOST_STRUCTURE, "%s: no host structure (hostStructure names the host's CIF file)", label);
            return;
        }
        try {
            Path path = DesignSpaceResources.hostStructurePath(designSpace);
            if (!Files.isRegularFile(path)) {
                problems.error(HOST_STRUCTURE, "%s: host structure file '%s' not found (looked for %s)", label, host, path);
            }
        } catch (InvalidPathException e) {
            problems.error(HOST_STRUCTURE, "%s: host structure '%s' is not a valid path", label, host);
        }
    }

    private static void validateFractions(DesignSpace designSpace, String label, Problems problems) {
        if (designSpace.getFractions().isEmpty()) {
            return;   // equimolar
        }
        boolean hostKept = designSpace.getSite() != null && designSpace.getSite().isHostKept();
        int expected = designSpace.getDopantCount() + (hostKept ? 1 : 0);
        if (designSpace.getFractions().size() != expected) {
            problems.error(FRACTIONS, "%s: %d fractions given, expected %d (%s%d dopants)", label,
                    designSpace.getFractions().size(), expected, hostKept ? "host element + " : "", designSpace.getDopantCount());
        }
        double sum = 0;
        for (double fraction : designSpace.getFractions()) {
            if (fraction <= 0 || fraction > 1) {
                problems.error(FRACTIONS, "%s: fraction %s is not in (0, 1]", label, fraction);
            }
            sum += fraction;
        }
        if (Math.abs(sum - 1) > FRACTION_SUM_TOLERANCE) {
            problems.error(FRACTIONS, "%s: fractions %s sum to %s, not 1", label, designSpace.getFractions(), sum);
        }
    }

    private static void validateDuplicates(DesignSpace designSpace, String label, Problems problems) {
        Set<String> seen = new HashSet<>();
        SubstitutedSite site = designSpace.getSite();
        if (site != null && site.isHostKept() && site.getHostElement() != null) {
            seen.add(site.getHostElement());
        }
        for (Dopant dopant : designSpace.getPool()) {
            if (dopant.getElement() != null && !seen.add(dopant.getElement())) {
                problems.error(DUPLICATE_DOPANT, "%s: %s appears twice on the site (pool duplicate or the kept host element)",
                        label(dopant), dopant.getElement());
            }
        }
    }

    private void validateSite(SubstitutedSite site, Problems problems) {
        String label = label(site);
        if (!isKnownElement(site.getHostElement())) {
            problems.error(UNKNOWN_ELEMENT, "%s: unknown host element '%s'", label, site.getHostElement());
        } else if (shannonRadiusCn6(site.getHostElement(), site.getHostOxidationState()).isEmpty()) {
            problems.error(IONIC_RADIUS, "%s: no Shannon CN VI radius for %s%d+ in the element data", label,
                    site.getHostElement(), site.getHostOxidationState());
        }
        if (!(site.getSitesPerFormulaUnit() > 0)) {
            problems.error(SITE, "%s: sitesPerFormulaUnit %s must be positive", label, site.getSitesPerFormulaUnit());
        }
    }

    private void validateDopant(Dopant dopant, Problems problems) {
        String label = label(dopant);
        if (!isKnownElement(dopant.getElement())) {
            problems.error(UNKNOWN_ELEMENT, "%s: unknown element '%s'", label, dopant.getElement());
            return;
        }
        if (dopant.isSetIonicRadius()) {
            if (!(dopant.getIonicRadius() > 0)) {
                problems.error(IONIC_RADIUS, "%s: ionicRadius %s Angstrom must be positive", label, dopant.getIonicRadius());
            }
        } else if (shannonRadiusCn6(dopant.getElement(), dopant.getOxidationState()).isEmpty()) {
            problems.error(IONIC_RADIUS, "%s: no Shannon CN VI radius for %s%+d in the element data; set ionicRadius",
                    label, dopant.getElement(), dopant.getOxidationState());
        }
    }

    private static void validateRule(Rule rule, Problems problems) {
        String label = label(rule);
        if (rule instanceof IonicRadiusMismatchRule radius && !(radius.getLimit() > 0)) {
            problems.error(RULE_PARAMETER, "%s: limit %s must be positive (a fraction, 0.1 = 10 %%)", label, radius.getLimit());
        } else if (rule instanceof ChargeBalanceRule charge
                && !(charge.getMinMobileIonContent() >= 0 && charge.getMinMobileIonContent() <= charge.getMaxMobileIonContent())) {
            problems.error(RULE_PARAMETER, "%s: window [%s, %s] is empty or negative", label,
                    charge.getMinMobileIonContent(), charge.getMaxMobileIonContent());
        } else if (rule instanceof ElementTagExclusionRule tags && tags.getTags().isEmpty()) {
            problems.warning(RULE_PARAMETER, "%s: no tags, the rule excludes nothing", label);
        } else if (rule instanceof CustomRule custom && (custom.getType() == null || custom.getType().isBlank())) {
            problems.error(RULE_PARAMETER, "%s: no type (the id of the RuleProvider that evaluates it)", label);
        }
    }

    /** How messages name a design-space object. */
    /** Whether {@code symbol} names an element of the periodic table (of bundle org.cgformer.structure). */
    public static boolean isKnownElement(String symbol) {
        return symbol != null && Element.isValidSymbol(symbol);
    }

    /**
     * The Shannon ionic radius (Angstrom) of {@code symbol} with {@code charge} in six-fold coordination, the radius the
     * design space's rules and structure generation use; empty for an unknown element or an ion without one.
     */
    public static OptionalDouble shannonRadiusCn6(String symbol, int charge) {
        return isKnownElement(symbol) ? Element.of(symbol).shannonRadius(charge, "VI") : OptionalDouble.empty();
    }

    public static String label(EObject object) {
        if (object instanceof DesignSpace designSpace) {
            return "design space '" + designSpace.getName() + "'";
        } else if (object instanceof Dopant dopant) {
            int index = dopant.eContainer() instanceof DesignSpace owner ? owner.getPool().indexOf(dopant) + 1 : 0;
            return "dopant '" + dopant.getElement() + "' (pool entry " + index + ")";
        } else if (object instanceof Rule rule) {
            int index = rule.eContainer() instanceof DesignSpace owner ? owner.getRules().indexOf(rule) + 1 : 0;
            return "rule " + index + " '" + (rule.getName() != null ? rule.getName() : rule.eClass().getName()) + "'";
        } else if (object instanceof SubstitutedSite site) {
            return "site '" + site.getLabel() + "'";
        }
        return object.eClass().getName();
    }

    /** Collects the diagnostics for one object. */
    private static final class Problems {
        private final EObject object;
        private final DiagnosticChain chain;
        private boolean errors;

        Problems(EObject object, DiagnosticChain chain) {
            this.object = object;
            this.chain = chain;
        }

        void error(int code, String format, Object... args) {
            add(Diagnostic.ERROR, code, format, args);
            errors = true;
        }

        void warning(int code, String format, Object... args) {
            add(Diagnostic.WARNING, code, format, args);
        }

        private void add(int severity, int code, String format, Object... args) {
            if (chain != null) {
                chain.add(new BasicDiagnostic(severity, DIAGNOSTIC_SOURCE, code, String.format(format, args),
                        new Object[] {object}));
            }
        }

        boolean none() {
            return !errors;
        }
    }
}
