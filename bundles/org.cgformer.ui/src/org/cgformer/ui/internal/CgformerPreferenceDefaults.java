package org.cgformer.ui.internal;

import org.cgformer.ui.CgformerUi;
import org.eclipse.core.runtime.preferences.AbstractPreferenceInitializer;
import org.eclipse.core.runtime.preferences.DefaultScope;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;

/** Defaults of the CGformer preferences: the CLI's defaults. */
public class CgformerPreferenceDefaults extends AbstractPreferenceInitializer {

    @Override
    public void initializeDefaultPreferences() {
        IEclipsePreferences defaults = DefaultScope.INSTANCE.getNode(CgformerUi.PREFERENCES_NODE);
        defaults.put(CgformerUi.PREF_DEFAULT_MODEL, "cgformer");
        defaults.put(CgformerUi.PREF_DEFAULT_FEATURIZER, "");
        defaults.put(CgformerUi.PREF_BVSE_RESOLUTION, "0.1");
        defaults.put(CgformerUi.PREF_CACHE_FOLDER, ""); // no graph cache unless one is chosen
    }
}
