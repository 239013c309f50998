package org.cgformer.design.internal;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cgformer.design.api.DesignException;
import org.cgformer.design.api.SiteComposition;
import org.cgformer.design.model.DesignSpace;
import org.cgformer.design.model.Dopant;
import org.cgformer.design.model.SubstitutedSite;
import org.cgformer.design.model.validation.DesignSpaceValidator;

/**
 * The design space resolved into arrays once (element, oxidation state, radius, tags per pool
 * entry) and a reusable {@link SiteComposition} that {@link #moveTo(int[])} points at one
 * combination, so enumeration allocates nothing per candidate.
 */
final class CandidateSite implements SiteComposition {

    private final String[] elements;
    private final int[] oxidationStates;
    private final double[] radii;
    private final List<List<String>> tags;
    private final double[] fractions;       // per cation position: host first when kept
    private final boolean hostKept;
    private final String hostElement;
    private final int hostOxidationState;
    private final double hostRadius;
    private final double sitesPerFormulaUnit;
    private final double hostMobileIonContent;
    private final int mobileIonCharge;
    private final String mobileIon;
    private final String hostFormula;
    private final int dopantCount;

    private int[] combination;
    private double meanOxidationState;

    CandidateSite(DesignSpace designSpace) throws DesignException {
        SubstitutedSite site = designSpace.getSite();
        int poolSize = designSpace.getPool().size();
        elements = new String[poolSize];
        oxidationStates = new int[poolSize];
        radii = new double[poolSize];
        tags = new java.util.ArrayList<>(poolSize);
        for (int i = 0; i < poolSize; i++) {
            Dopant dopant = designSpace.getPool().get(i);
            elements[i] = dopant.getElement();
            oxidationStates[i] = dopant.getOxidationState();
            radii[i] = radius(dopant);
            tags.add(List.copyOf(dopant.getTags()));
        }
        hostKept = site.isHostKept();
        hostElement = site.getHostElement();
        hostOxidationState = site.getHostOxidationState();
        hostRadius = DesignSpaceValidator.shannonRadiusCn6(hostElement, hostOxidationState).orElseThrow(() -> new DesignException(
                DesignSpaceValidator.label(site) + ": no Shannon CN VI radius for " + hostElement + hostOxidationState + "+"));
        sitesPerFormulaUnit = site.getSitesPerFormulaUnit();
        hostMobileIonContent = designSpace.getMobileIonContent();
        mobileIonCharge = designSpace.getMobileIonOxidationState();
        mobileIon = designSpace.getMobileIon();
        hostFormula = designSpace.getHostFormula();
        dopantCount = designSpace.getDopantCount();
        fractions = fractions(designSpace, dopantCount + (hostKept ? 1 : 0));
    }

    private static double radius(Dopant dopant) throws DesignException {
        if (dopant.isSetIonicRadius()) {
            return dopant.getIonicRadius();
        }
        return DesignSpaceValidator.shannonRadiusCn6(dopant.getElement(), dopant.getOxidationState()).orElseThrow(() -> new DesignException(
                DesignSpaceValidator.label(dopant) + ": no Shannon CN VI radius for " + dopant.getElement()
                        + String.format("%+d", dopant.getOxidationState())));
    }

    private static double[] fractions(DesignSpace designSpace, int cations) {
        double[] result = new double[cations];
        for (int i = 0; i < cations; i++) {
            result[i] = designSpace.getFractions().isEmpty() ? 1.0 / cations : designSpace.getFractions().get(i);
        }
        return result;
    }

    int poolSize() {
        return elements.length;
    }

    int dopantCount() {
        return dopantCount;
    }

    /** Points this view at {@code combination} (pool indices, ascending; the array is read, not copied). */
    void moveTo(int[] poolIndices) {
        this.combination = poolIndices;
        double mean = 0;
        for (int i = 0; i < size(); i++) {
            mean += fractions[i] * oxidationState(i);
        }
        this.meanOxidationState = mean;
    }

    private int pool(int cation) {
        return combination[hostKept ? cation - 1 : cation];
    }

    @Override
    public int size() {
        return fractions.length;
    }

    @Override
    public String element(int cation) {
        return isHost(cation) ? hostElement : elements[pool(cation)];
    }

    @Override
    public int oxidationState(int cation) {
        return isHost(cation) ? hostOxidationState : oxidationStates[pool(cation)];
    }

    @Override
    public double ionicRadius(int cation) {
        return isHost(cation) ? hostRadius : radii[pool(cation)];
    }

    @Override
    public double fraction(int cation) {
        return fractions[cation];
    }

    @Override
    public List<String> tags(int cation) {
        return isHost(cation) ? List.of() : tags.get(pool(cation));
    }

    @Override
    public boolean isHost(int cation) {
        return hostKept && cation == 0;
    }

    @Override
    public double hostIonicRadius() {
        return hostRadius;
    }

    @Override
    public double meanOxidationState() {
        return meanOxidationState;
    }

    @Override
    public double mobileIonContent() {
        return hostMobileIonContent + sitesPerFormulaUnit * (hostOxidationState - meanOxidationState) / mobileIonCharge;
    }

    /** Dopant symbols of the current combination, pool order. */
    List<String> dopants() {
        String[] symbols = new String[combination.length];
        for (int i = 0; i < combination.length; i++) {
            symbols[i] = elements[combination[i]];
        }
        return List.of(symbols);
    }

    private static final Pattern COUNT = Pattern.compile("(?<![A-Za-z])%s([0-9.]*)(?![a-z])");

    /**
     * The host formula with the site's cations and the mobile-ion content of the current
     * combination, e.g. Na3.4Zr0.4Mg0.4Al0.4Ti0.4Nb0.4Si2PO12; the site alone when the host formula
     * does not name both.
     */
    String formula() {
        StringBuilder site = new StringBuilder();
        for (int i = 0; i < size(); i++) {
            site.append(element(i)).append(number(fraction(i) * sitesPerFormulaUnit));
        }
        String formula = hostFormula == null ? "" : hostFormula;
        Matcher hostMatch = Pattern.compile(String.format(COUNT.pattern(), Pattern.quote(hostElement))).matcher(formula);
        Matcher ionMatch = Pattern.compile(String.format(COUNT.pattern(), Pattern.quote(mobileIon))).matcher(formula);
        if (!hostMatch.find() || !ionMatch.find()) {
            return mobileIon + number(mobileIonContent()) + site;
        }
        String withSite = formula.substring(0, hostMatch.start()) + site + formula.substring(hostMatch.end());
        Matcher ion = Pattern.compile(String.format(COUNT.pattern(), Pattern.quote(mobileIon))).matcher(withSite);
        ion.find();
        return withSite.substring(0, ion.start()) + mobileIon + number(mobileIonContent()) + withSite.substring(ion.end());
    }

    private static String number(double value) {
        double rounded = Math.round(value * 1e4) / 1e4;
        if (rounded == Math.rint(rounded)) {
            return rounded == 1 ? "" : Long.toString((long) rounded);
        }
        return String.format(Locale.ROOT, "%s", rounded).replaceAll("0+$", "");
    }
}
