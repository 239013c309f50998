package org.cgformer.ui;

/** Identifiers other UI bundles use to place their views and actions in the CGformer workbench. */
public final class CgformerUi {

    /** The CGformer perspective: navigator left, editors centre, progress and problems below. */
    public static final String PERSPECTIVE_ID = "org.cgformer.ui.perspective";

    /** Folder at the bottom of the perspective where views such as training progress are stacked. */
    public static final String BOTTOM_FOLDER_ID = "org.cgformer.ui.bottom";

    /** Folder at the left of the perspective, holding the Project Explorer. */
    public static final String LEFT_FOLDER_ID = "org.cgformer.ui.left";

    /** Preference node (instance scope) of the workbench settings below. */
    public static final String PREFERENCES_NODE = "org.cgformer.ui";

    /** Preference: name of the property model the Training view starts with (default {@code cgformer}). */
    public static final String PREF_DEFAULT_MODEL = "defaultModel";

    /** Preference: featurizer name, empty for the model's own default. */
    public static final String PREF_DEFAULT_FEATURIZER = "defaultFeaturizer";

    /** Preference: BVSE grid resolution in Angstrom (default 0.1), read by the BVSE barrier and labelling actions. */
    public static final String PREF_BVSE_RESOLUTION = "bvseResolution";

    /** Finest and coarsest BVSE grid the preference accepts, Angstrom. */
    public static final double MIN_BVSE_RESOLUTION = 0.02;
    public static final double MAX_BVSE_RESOLUTION = 1.0;

    /** Preference: folder of the crystal-graph cache the Training view uses, empty (the default) for none. */
    public static final String PREF_CACHE_FOLDER = "cacheFolder";

    /** The preference {@code key} of the workbench, or {@code fallback} when unset. */
    public static String preference(String key, String fallback) {
        return org.eclipse.core.runtime.Platform.getPreferencesService().getString(PREFERENCES_NODE, key, fallback, null);
    }

    /**
     * The BVSE grid resolution (Angstrom) of the preferences.
     *
     * @throws IllegalArgumentException when the stored value is not a number between {@link #MIN_BVSE_RESOLUTION} and
     *             {@link #MAX_BVSE_RESOLUTION} (the message quotes it)
     */
    public static double bvseResolution() {
        String text = preference(PREF_BVSE_RESOLUTION, "0.1").strip();
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the BVSE resolution preference '" + text + "' is not a number", e);
        }
        if (!(value >= MIN_BVSE_RESOLUTION && value <= MAX_BVSE_RESOLUTION)) {
            throw new IllegalArgumentException("the BVSE resolution preference " + text + " Å is outside " + MIN_BVSE_RESOLUTION
                    + "-" + MAX_BVSE_RESOLUTION + " Å");
        }
        return value;
    }

    private CgformerUi() {
    }
}
