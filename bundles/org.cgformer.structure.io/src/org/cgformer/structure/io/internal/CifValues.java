package org.cgformer.structure.io.internal;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cgformer.structure.api.Element;
import org.cgformer.structure.io.internal.CifBlock.Value;

/** Reading numbers and element symbols out of CIF values, the way pymatgen's CifParser does. */
final class CifValues {

    /** {@code 1.234(5)}: the standard uncertainty in brackets is dropped. */
    private static final Pattern NUMBER = Pattern.compile("([-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?)(?:\\(\\d+\\))?");
    /** Labels that pymatgen reads specially: water and hydroxide names in old files. */
    private static final Map<String, String> SPECIAL_LABELS = Map.of("Hw", "H", "Ow", "O", "Wat", "O", "wat", "O",
            "OH", "", "OH2", "", "NO3", "N");
    private static final java.util.List<String> SPECIAL_PREFIXES = java.util.List.of("Hw", "Ow", "Wat", "wat", "OH", "OH2", "NO3");
    private static final Pattern CAPITALISED_WORD = Pattern.compile("w?[A-Z][a-z]*");

    private CifValues() {
    }

    /** The number in {@code value}, uncertainty removed; too large for a double (1e999) is refused. */
    static double number(Value value, String what) throws CifDataException {
        String text = value.text().strip();
        double number;
        if (!value.unknown() && isPlainDecimal(text)) {
            number = Double.parseDouble(text);
        } else {
            Matcher m = NUMBER.matcher(text);
            if (value.unknown() || !m.matches()) {
                throw new CifDataException(value.line(), what + " '" + CifParser.shorten(value.text()) + "' is not a number");
            }
            number = Double.parseDouble(m.group(1));
        }
        if (!Double.isFinite(number)) {
            throw new CifDataException(value.line(), what + " '" + CifParser.shorten(value.text()) + "' is not a finite number");
        }
        return number;
    }

    /**
     * Whether {@code text} is a number of {@link #NUMBER} without exponent or standard uncertainty ({@code -0.25},
     * {@code 3}, {@code .5}, {@code 2.}): most numbers of a file, parsed without the regular expression.
     */
    static boolean isPlainDecimal(String text) {
        int i = text.startsWith("-") || text.startsWith("+") ? 1 : 0;
        int digits = 0;
        boolean point = false;
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == '.' && !point) {
                point = true;
            } else {
                return false;
            }
        }
        return digits > 0;
    }

    /** Like {@link #number} but {@code fallback} for CIF's unknown values '?' and '.'. */
    static double numberOr(Value value, double fallback, String what) throws CifDataException {
        return value == null || value.unknown() ? fallback : number(value, what);
    }

    /**
     * The element symbol in a type symbol or label ({@code Zr4+}, {@code O2-}, {@code Ca1}, {@code OW}),
     * following pymatgen's {@code _parse_symbol}: a two-letter element first, then one letter, then the
     * leading capitalised word; null when none is found, "" for labels that name no single element.
     */
    static String elementSymbol(String text) {
        String special = specialLabel(text);
        if (special != null) {
            return special;
        }
        if (text.length() >= 2 && Element.isValidSymbol(titleCase(text.substring(0, 2)))) {
            return titleCase(text.substring(0, 2));
        }
        if (!text.isEmpty() && Element.isValidSymbol(text.substring(0, 1).toUpperCase())) {
            return text.substring(0, 1).toUpperCase();
        }
        Matcher word = CAPITALISED_WORD.matcher(text);
        return word.lookingAt() ? word.group() : null;
    }

    /** pymatgen matches these as prefixes, in this order (so "OH2" is read as "OH"). */
    private static String specialLabel(String text) {
        for (String prefix : SPECIAL_PREFIXES) {
            if (text.startsWith(prefix)) {
                return SPECIAL_LABELS.get(prefix);
            }
        }
        return null;
    }

    /** Python's str.title() for two characters: upper case first letter, lower case second. */
    private static String titleCase(String two) {
        char first = two.charAt(0);
        char second = two.charAt(1);
        if (!Character.isLetter(first)) {
            return two;
        }
        return Character.toUpperCase(first) + (Character.isLetter(second) ? String.valueOf(Character.toLowerCase(second))
                : String.valueOf(second));
    }
}
