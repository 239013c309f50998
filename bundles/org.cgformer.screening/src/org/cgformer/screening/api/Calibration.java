package org.cgformer.screening.api;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A measured conductivity of one reference composition, which turns predicted barriers into conductivities:
 * sigma = sigma_ref exp(-(Eb - Eb_ref) / (k T)), with Eb_ref the model's own prediction for the reference, so the
 * model's offset cancels and only barrier differences count. Without a calibration the product shows no
 * conductivity: an uncalibrated Arrhenius figure from a BVSE-like barrier is off by many orders of magnitude.
 *
 * @param composition      the reference's formula, e.g. Na3Zr2Si2PO12 (the parent or a screened candidate)
 * @param siemensPerCm     its measured conductivity, S/cm
 * @param temperatureKelvin the temperature of the measurement, K; conductivities are given at this temperature
 * @since 2.0
 */
public record Calibration(String composition, double siemensPerCm, double temperatureKelvin) {

    private static final Pattern SPEC = Pattern.compile("\\s*([^=\\s]+)\\s*=\\s*([^@\\s]+)\\s*(?:S/cm)?\\s*@\\s*([^K\\s]+)\\s*K?\\s*");

    public Calibration {
        if (composition == null || composition.isBlank()) {
            throw new IllegalArgumentException("a calibration needs the reference composition");
        }
        if (!(siemensPerCm > 0) || !Double.isFinite(siemensPerCm)) {
            throw new IllegalArgumentException("the calibration conductivity of " + composition + " must be a positive number of S/cm, not "
                    + siemensPerCm);
        }
        if (!(temperatureKelvin > 0) || !Double.isFinite(temperatureKelvin)) {
            throw new IllegalArgumentException("the calibration temperature must be positive (K), not " + temperatureKelvin);
        }
    }

    /**
     * Parses {@code COMPOSITION=S/cm@T}, e.g. {@code Na3Zr2Si2PO12=6.7e-4@298.15} (T in kelvin).
     *
     * @throws IllegalArgumentException naming the text and the expected form
     */
    public static Calibration parse(String text) {
        Matcher m = SPEC.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("calibration '" + text + "' is not COMPOSITION=S/cm@T, e.g. Na3Zr2Si2PO12=6.7e-4@298.15");
        }
        try {
            return new Calibration(m.group(1), Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("calibration '" + text + "': " + e.getMessage() + " is not a number", e);
        }
    }

    /** The conductivity (S/cm, at {@link #temperatureKelvin()}) of a barrier {@code ebEv}, given the reference's {@code referenceEbEv}. */
    public double conductivity(double ebEv, double referenceEbEv) {
        return siemensPerCm * Math.exp(-(ebEv - referenceEbEv) / (Ranking.BOLTZMANN_EV_PER_K * temperatureKelvin));
    }

    /** How the figures were made, for reports. */
    public String describe() {
        return String.format(Locale.ROOT, "calibrated to %s = %.3g S/cm at %.2f K: sigma = sigma_ref exp(-(Eb - Eb_ref) / kT), Eb_ref "
                + "the same model's prediction for %s", composition, siemensPerCm, temperatureKelvin, composition);
    }

    /** {@code COMPOSITION=S/cm@T}, as {@link #parse} reads it. */
    @Override
    public String toString() {
        return composition + "=" + siemensPerCm + "@" + temperatureKelvin;
    }
}
