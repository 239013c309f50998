package org.cgformer.ui.internal;

import org.cgformer.ui.CgformerUi;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.preference.DirectoryFieldEditor;
import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.jface.preference.StringFieldEditor;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.eclipse.ui.preferences.ScopedPreferenceStore;

/** Window &gt; Preferences &gt; CGformer: default model and featurizer, BVSE resolution, graph cache folder. */
public class CgformerPreferencePage extends FieldEditorPreferencePage implements IWorkbenchPreferencePage {

    public CgformerPreferencePage() {
        super(GRID);
        setDescription("Defaults of the CGformer views (the command line has its own options).");
    }

    @Override
    public void init(IWorkbench workbench) {
        setPreferenceStore(new ScopedPreferenceStore(InstanceScope.INSTANCE, CgformerUi.PREFERENCES_NODE));
    }

    @Override
    protected void createFieldEditors() {
        addField(new StringFieldEditor(CgformerUi.PREF_DEFAULT_MODEL, "Default &model (cgformer, cgcnn, ...):", getFieldEditorParent()));
        addField(new StringFieldEditor(CgformerUi.PREF_DEFAULT_FEATURIZER, "Default &featurizer (empty: the model's):",
                getFieldEditorParent()));
        StringFieldEditor resolution = new StringFieldEditor(CgformerUi.PREF_BVSE_RESOLUTION, "BVSE grid &resolution (Å):",
                getFieldEditorParent()) {
            @Override
            protected boolean doCheckState() {
                try {
                    double value = Double.parseDouble(getStringValue().strip());
                    return value >= CgformerUi.MIN_BVSE_RESOLUTION && value <= CgformerUi.MAX_BVSE_RESOLUTION;
                } catch (NumberFormatException e) {
                    return false;
                }
            }
        };
        resolution.setErrorMessage("The BVSE resolution is a distance between 0.02 and 1 Å");
        addField(resolution);
        addField(new DirectoryFieldEditor(CgformerUi.PREF_CACHE_FOLDER, "Crystal-graph &cache folder:", getFieldEditorParent()));
    }
}
