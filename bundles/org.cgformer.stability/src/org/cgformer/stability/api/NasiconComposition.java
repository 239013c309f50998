package org.cgformer.stability.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

import org.cgformer.structure.api.Composition;
import org.cgformer.structure.api.Element;
import org.cgformer.structure.api.StructureException;

/**
 * A composition read as a NASICON Na_x M_2 (XO_4)_3 per formula unit of 12 oxygens: the sodium
 * content x (0 to 4), the cations of the octahedral M site (two per formula unit) and of the
 * tetrahedral X site (three per formula unit), each with its site fraction and formal oxidation
 * state. Si, P and S are polyanion formers and go to the X site; every other cation (Ge included,
 * as in Ouyang et al. 2021) to the M site.
 *
 * @param formula the formula as given
 * @param sodium Na per formula unit
 * @param mSite cations of the octahedral site, fractions summing to 1
 * @param xSite cations of the tetrahedral site, fractions summing to 1
 */
public record NasiconComposition(String formula, double sodium, List<Share> mSite, List<Share> xSite) {

    /** Oxygens per formula unit of Na_x M_2 (XO_4)_3. */
    public static final int OXYGEN_PER_FORMULA_UNIT = 12;
    /** Octahedral (M) sites per formula unit. */
    public static final int M_SITES_PER_FORMULA_UNIT = 2;
    /** Tetrahedral (X) sites per formula unit. */
    public static final int X_SITES_PER_FORMULA_UNIT = 3;
    /** Na sites per formula unit of the R-3c framework (Na1 6b + Na2 18e per 6 formula units). */
    public static final int NA_SITES_PER_FORMULA_UNIT = 4;
    /** Site counts and the charge sum may miss their value by this much (formulas print 4.5, 13.5, ...). */
    public static final double COUNT_TOLERANCE = 1e-3;

    /** Elements on the tetrahedral site and their oxidation states. */
    public static final Map<String, Integer> X_SITE_OXIDATION_STATES = Map.of("Si", 4, "P", 5, "S", 6);

    /**
     * Oxidation states of the octahedral-site cations: the usual formal charges of the elements of
     * the Ouyang et al. set (Mg Ca Zn 2+; Al Ga In Sc Y La 3+; Ti Zr Hf Sn Ge 4+; Nb Ta 5+) and of the
     * other common NASICON M cations (the remaining lanthanides 3+, Cr Fe 3+, V Sb 5+, Mo W 6+).
     */
    public static final Map<String, Integer> M_SITE_OXIDATION_STATES = mSiteStates();

    /** One cation of a site: element, site fraction, oxidation state. */
    public record Share(String element, double fraction, int oxidationState) {
    }

    private static Map<String, Integer> mSiteStates() {
        Map<String, Integer> states = new LinkedHashMap<>();
        for (String e : List.of("Mg", "Ca", "Zn", "Sr", "Ni", "Co", "Mn", "Cu")) {
            states.put(e, 2);
        }
        for (String e : List.of("Al", "Ga", "In", "Sc", "Y", "La", "Cr", "Fe", "Ce", "Pr", "Nd", "Sm", "Eu", "Gd", "Tb", "Dy", "Ho",
                "Er", "Tm", "Yb", "Lu", "Bi")) {
            states.put(e, 3);
        }
        for (String e : List.of("Ti", "Zr", "Hf", "Sn", "Ge")) {
            states.put(e, 4);
        }
        for (String e : List.of("Nb", "Ta", "V", "Sb")) {
            states.put(e, 5);
        }
        for (String e : List.of("Mo", "W")) {
            states.put(e, 6);
        }
        return Map.copyOf(states);
    }

    /**
     * Parses {@code formula} and reads it as a NASICON.
     *
     * @throws NasiconException naming the formula and what does not fit: an unparsable formula, no
     *         oxygen, an element without a known site or oxidation state, M or X site counts other than
     *         2 and 3 per 12 O, more than 4 Na, or a charge sum other than zero
     */
    public static NasiconComposition parse(String formula) throws NasiconException {
        Composition composition;
        try {
            composition = Composition.parse(formula);
        } catch (StructureException e) {
            throw new NasiconException(e.getMessage(), e);
        }
        return of(formula, composition);
    }

    /** Reads {@code composition} as a NASICON (see {@link #parse(String)}). */
    public static NasiconComposition of(String formula, Composition composition) throws NasiconException {
        return of(formula, composition, M_SITE_OXIDATION_STATES);
    }

    /**
     * Reads {@code composition} as a NASICON with the octahedral-site oxidation states {@code mSiteStates} (e.g. those of
     * a design space's pool over {@link #M_SITE_OXIDATION_STATES}), see {@link #parse(String)}.
     *
     * @since 1.1
     */
    public static NasiconComposition of(String formula, Composition composition, Map<String, Integer> mSiteStates) throws NasiconException {
        double oxygen = composition.amount("O");
        if (oxygen <= 0) {
            throw new NasiconException(formula + ": no oxygen, so not an (XO4)3 framework");
        }
        double perFormulaUnit = OXYGEN_PER_FORMULA_UNIT / oxygen;
        double sodium = 0;
        Map<String, Double> m = new LinkedHashMap<>();
        Map<String, Double> x = new LinkedHashMap<>();
        for (Map.Entry<Element, Double> entry : composition.amounts().entrySet()) {
            String symbol = entry.getKey().symbol();
            double amount = entry.getValue() * perFormulaUnit;
            if (symbol.equals("O")) {
                continue;
            } else if (symbol.equals("Na")) {
                sodium = amount;
            } else if (X_SITE_OXIDATION_STATES.containsKey(symbol)) {
                x.put(symbol, amount);
            } else if (mSiteStates.containsKey(symbol)) {
                m.put(symbol, amount);
            } else {
                throw new NasiconException(formula + ": element " + symbol + " has no NASICON site in this table (X site: "
                        + String.join(" ", X_SITE_OXIDATION_STATES.keySet()) + "; M site: the cations listed in docs/stability.md)");
            }
        }
        checkCount(formula, "M (octahedral) site", m, M_SITES_PER_FORMULA_UNIT);
        checkCount(formula, "X (tetrahedral) site", x, X_SITES_PER_FORMULA_UNIT);
        if (sodium > NA_SITES_PER_FORMULA_UNIT + COUNT_TOLERANCE) {
            throw new NasiconException(String.format(Locale.ROOT, "%s: %.4g Na per formula unit, more than the %d Na sites", formula, sodium,
                    NA_SITES_PER_FORMULA_UNIT));
        }
        NasiconComposition result = new NasiconComposition(formula, sodium, shares(m, M_SITES_PER_FORMULA_UNIT, mSiteStates),
                shares(x, X_SITES_PER_FORMULA_UNIT, X_SITE_OXIDATION_STATES));
        double charge = result.chargePerFormulaUnit();
        if (Math.abs(charge) > COUNT_TOLERANCE) {
            throw new NasiconException(String.format(Locale.ROOT, "%s: charge %+.4g per formula unit with Na+ %s, O2- and %s", formula, charge,
                    result.describeSites(), "the oxidation states of docs/stability.md"));
        }
        return result;
    }

    private static void checkCount(String formula, String site, Map<String, Double> amounts, int expected) throws NasiconException {
        double total = amounts.values().stream().mapToDouble(Double::doubleValue).sum();
        if (Math.abs(total - expected) > COUNT_TOLERANCE) {
            throw new NasiconException(String.format(Locale.ROOT, "%s: %.4g cations %s on the %s per 12 O, expected %d", formula, total,
                    amounts.keySet(), site, expected));
        }
    }

    private static List<Share> shares(Map<String, Double> amounts, int sites, Map<String, Integer> states) {
        List<Share> shares = new ArrayList<>();
        amounts.forEach((element, amount) -> shares.add(new Share(element, amount / sites, states.get(element))));
        return List.copyOf(shares);
    }

    /** Sum of the formal charges per formula unit (0 for a valid NASICON). */
    public double chargePerFormulaUnit() {
        double charge = sodium - 2.0 * OXYGEN_PER_FORMULA_UNIT;
        for (Share s : mSite) {
            charge += s.fraction() * M_SITES_PER_FORMULA_UNIT * s.oxidationState();
        }
        for (Share s : xSite) {
            charge += s.fraction() * X_SITES_PER_FORMULA_UNIT * s.oxidationState();
        }
        return charge;
    }

    /**
     * Isotropic lattice scale factor relative to the Na4Zr2Si3O12 host from Shannon radii: the ratio
     * of the mean framework bond length, (r̄_M + r_O) for the octahedra and (r̄_X + r_O) for the
     * tetrahedra (12 bonds of each per formula unit, so equal weights), to the host's with Zr4+ and
     * Si4+. r̄ are site-fraction weighted CN VI (M) and CN IV (X) radii, r_O the CN II radius of O2-.
     *
     * @throws NasiconException when an element has no tabulated radius for its charge and coordination
     */
    public double latticeScale() throws NasiconException {
        double oxygen = radius("O", -2, "II");
        double host = radius("Zr", 4, "VI") + radius("Si", 4, "IV") + 2 * oxygen;
        double mean = 2 * oxygen;
        for (Share s : mSite) {
            mean += s.fraction() * radius(s.element(), s.oxidationState(), "VI");
        }
        for (Share s : xSite) {
            mean += s.fraction() * radius(s.element(), s.oxidationState(), "IV");
        }
        return mean / host;
    }

    private double radius(String element, int charge, String coordination) throws NasiconException {
        OptionalDouble r = Element.of(element).shannonRadius(charge, coordination);
        if (r.isEmpty()) {
            throw new NasiconException(formula + ": no Shannon radius for " + element + (charge > 0 ? "+" : "") + charge + " in coordination "
                    + coordination);
        }
        return r.getAsDouble();
    }

    /** The elements of both sites (for checks). */
    public Set<String> cations() {
        Set<String> set = new java.util.TreeSet<>();
        mSite.forEach(s -> set.add(s.element()));
        xSite.forEach(s -> set.add(s.element()));
        return set;
    }

    /** {@code M: Mg 0.5 (2+) Zr 0.5 (4+); X: S 1 (6+)} */
    public String describeSites() {
        return "M: " + describe(mSite) + "; X: " + describe(xSite);
    }

    private static String describe(List<Share> shares) {
        StringBuilder text = new StringBuilder();
        for (Share s : shares) {
            text.append(text.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%s %.4g (%d+)", s.element(), s.fraction(),
                    s.oxidationState()));
        }
        return text.toString();
    }
}
