package org.cgformer.bvse.api;

/**
 * One (possibly partially occupied) ion of the framework, as BVSE sees it.
 *
 * @param symbol element symbol, e.g. {@code Zr}
 * @param oxidationState formal charge, e.g. {@code 4} or {@code -2}; must be non-zero
 * @param occupancy fraction of the site this species fills, in (0, 1]
 * @param fracCoords fractional coordinates in the cell
 * @param label the site label from the file, for messages
 */
public record IonSite(String symbol, int oxidationState, double occupancy, double[] fracCoords, String label) {

    public boolean isAnion() {
        return oxidationState < 0;
    }
}
