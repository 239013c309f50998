package org.cgformer.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.cgformer.design.model.DesignSpace;
import org.cgformer.design.model.Dopant;
import org.cgformer.design.model.resource.DesignSpaceResources;
import org.cgformer.ui.CgformerUi;
import org.cgformer.ui.design.internal.DesignSpaceEditor;
import org.cgformer.ui.design.internal.NewDesignSpaceWizard;
import org.cgformer.ui.training.internal.NewDatasetWizard;
import org.cgformer.ml.api.Dataset;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.dialogs.PreferencesUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** File &gt; New &gt; Design Space, File &gt; New &gt; Dataset and Window &gt; Preferences &gt; CGformer. */
class WizardsAndPreferencesTest {

    private static IProject project;

    @AfterAll
    static void removeProject() throws Exception {
        Ui.page().closeAllEditors(false);
        if (project != null) {
            project.delete(true, true, null);
        }
    }

    @Test
    void newDesignSpaceWizardCreatesAFileTheEditorCompletes() throws Exception {
        project = Ui.project("wizards");
        NewDesignSpaceWizard wizard = new NewDesignSpaceWizard();
        wizard.init(PlatformUI.getWorkbench(), new StructuredSelection(project));
        WizardDialog dialog = new WizardDialog(Ui.page().getWorkbenchWindow().getShell(), wizard);
        dialog.setBlockOnOpen(false);
        dialog.open();
        Path host = Ui.sharedData("nasicon/Na3Zr2Si2PO12_R-3c_average.cif").toAbsolutePath().normalize();
        wizardPages(wizard, host);
        Ui.screenshot(dialog.getShell(), "new-design-space-wizard.png");
        assertTrue(wizard.performFinish());
        dialog.close();
        IFile file = wizard.created();
        assertNotNull(file);
        assertTrue(file.exists());
        DesignSpace saved = DesignSpaceResources.loadDesignSpace(file.getLocation().toPath());
        assertEquals("Zr1", saved.getSite().getLabel());
        assertEquals(4, saved.getDopantCount());
        assertFalse(Path.of(saved.getHostStructure()).isAbsolute(), "host path relative to the new file: " + saved.getHostStructure());

        IEditorPart part = Ui.page().getActiveEditor();
        assertTrue(part instanceof DesignSpaceEditor, String.valueOf(part));
        DesignSpaceEditor editor = (DesignSpaceEditor) part;
        assertTrue(Arrays.stream(editor.problems()).anyMatch(p -> p.startsWith("error")), "an empty pool is an error: "
                + Arrays.toString(editor.problems()));
        // complete the pool in the editor: four dopants, then one too many removed again with undo
        for (String element : new String[] {"Ti", "Hf", "Sn", "Nb", "Ta"}) {
            Dopant dopant = (Dopant) editor.addChild(editor.designSpace(), "pool", "Dopant");
            editor.setAttribute(dopant, "element", element);
            editor.setAttribute(dopant, "oxidationState", element.equals("Nb") || element.equals("Ta") ? "5" : "4");
        }
        Ui.settle(300);
        assertEquals(5, editor.designSpace().getPool().size());
        editor.remove(editor.designSpace().getPool().get(4));
        assertEquals(4, editor.designSpace().getPool().size());
        editor.commandStack().undo();
        assertEquals(5, editor.designSpace().getPool().size());
        assertEquals("Ta", editor.designSpace().getPool().get(4).getElement());
        Ui.settle(300);
        assertTrue(editor.isDirty());
        assertTrue(editor.status().isOK(), Arrays.toString(editor.problems()));
        Ui.screenshot("design-editor-new.png");
        editor.doSave(null);
        assertFalse(editor.isDirty());
        assertEquals(5, DesignSpaceResources.loadDesignSpace(file.getLocation().toPath()).getPool().size());
    }

    private static void wizardPages(NewDesignSpaceWizard wizard, Path host) {
        wizard.getContainer().showPage(wizard.getPages()[1]);
        wizard.setHost(host.toString());
        wizard.setFileName("zr-site.designspace");
    }

    @Test
    void newDatasetWizardWritesAFolderInCgcnnLayout() throws Exception {
        IProject datasets = Ui.project("datasets");
        try {
            NewDatasetWizard wizard = new NewDatasetWizard();
            wizard.init(PlatformUI.getWorkbench(), new StructuredSelection(datasets));
            WizardDialog dialog = new WizardDialog(Ui.page().getWorkbenchWindow().getShell(), wizard);
            dialog.setBlockOnOpen(false);
            dialog.open();
            Path sample = Ui.sharedData("structures/cgcnn_sample").toAbsolutePath().normalize();
            // the sample's own id_prop.csv serves as the targets CSV (names without extension)
            wizard.setFields("/datasets", "sample", sample.toString(), sample.resolve("id_prop.csv").toString());
            Ui.screenshot(dialog.getShell(), "new-dataset-wizard.png");
            assertTrue(wizard.performFinish());
            dialog.close();
            assertEquals(10, wizard.result().written().size());
            assertEquals(List.of("atom_init.json"), wizard.result().notStructures());
            assertTrue(wizard.result().withoutTarget().isEmpty());
            Dataset written = Dataset.read(wizard.created().getLocation().toPath());
            Dataset original = Dataset.read(sample);
            assertEquals(original.entries().stream().map(e -> e.id() + "=" + e.target()).sorted().toList(),
                    written.entries().stream().map(e -> e.id() + "=" + e.target()).sorted().toList());
            assertTrue(wizard.created().getFile("1000041.cif").exists(), "the copies are workspace files");
        } finally {
            datasets.delete(true, true, null);
        }
    }

    @Test
    void preferencePageShowsTheDefaults() throws Exception {
        assertEquals("cgformer", CgformerUi.preference(CgformerUi.PREF_DEFAULT_MODEL, "?"));
        assertEquals("0.1", CgformerUi.preference(CgformerUi.PREF_BVSE_RESOLUTION, "?"));
        PreferenceDialog dialog = PreferencesUtil.createPreferenceDialogOn(Ui.page().getWorkbenchWindow().getShell(),
                "org.cgformer.ui.preferences", new String[] {"org.cgformer.ui.preferences"}, null);
        dialog.setBlockOnOpen(false);
        dialog.open();
        assertEquals("CGformer", dialog.getSelectedPage() == null ? null
                : ((org.eclipse.jface.preference.IPreferencePage) dialog.getSelectedPage()).getTitle());
        Ui.screenshot(dialog.getShell(), "preferences.png");
        dialog.close();
    }
}
