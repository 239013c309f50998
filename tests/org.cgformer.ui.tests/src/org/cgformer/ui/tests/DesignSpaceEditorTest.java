package org.cgformer.ui.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.cgformer.design.model.DesignSpace;
import org.cgformer.design.model.Dopant;
import org.cgformer.ui.design.internal.DesignSpaceEditor;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.ui.ide.IDE;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The design-space editor on examples/nasicon-zr-site.designspace: edit, undo, validate, funnel, cluster, sample. */
class DesignSpaceEditorTest {

    private static IProject project;
    private static IFile file;

    @BeforeAll
    static void linkExample() throws Exception {
        project = Ui.project("designs");
        file = project.getFile("nasicon-zr-site.designspace");
        if (!file.exists()) {
            // linked, not copied: the host CIF path in the file is relative to where the example lives
            file.createLink(Ui.example("nasicon-zr-site.designspace").toAbsolutePath().toUri(), IResource.NONE, null);
        }
    }

    @AfterAll
    static void removeProject() throws Exception {
        Ui.page().closeAllEditors(false);
        project.delete(false, true, null); // a linked file: the example itself stays
    }

    @Test
    void editsWithUndoAndShowsValidationProblems() throws Exception {
        DesignSpaceEditor editor = (DesignSpaceEditor) IDE.openEditor(Ui.page(), file, DesignSpaceEditor.ID);
        Ui.settle(300);
        DesignSpace space = editor.designSpace();
        assertEquals(45, space.getPool().size());
        assertTrue(editor.status().isOK(), Arrays.toString(editor.problems()));
        Dopant first = space.getPool().get(0);
        assertEquals("Mg", first.getElement());

        assertTrue(editor.setAttribute(first, "element", "Xx"));
        Ui.settle(300);
        assertTrue(editor.isDirty());
        assertEquals(IStatus.ERROR, editor.status().getSeverity(), "an unknown element is an error");
        assertTrue(Arrays.stream(editor.problems()).anyMatch(p -> p.contains("Xx")), Arrays.toString(editor.problems()));
        IMarker[] markers = file.findMarkers(DesignSpaceEditor.MARKER_TYPE, false, IResource.DEPTH_ZERO);
        assertTrue(Arrays.stream(markers).anyMatch(m -> m.getAttribute(IMarker.MESSAGE, "").contains("Xx")), "marker for Xx");
        Ui.screenshot("design-editor-error.png");

        editor.commandStack().undo();
        Ui.settle(300);
        assertEquals("Mg", first.getElement());
        assertFalse(editor.isDirty());
        assertTrue(editor.status().isOK());
        editor.commandStack().redo();
        Ui.settle(200);
        assertEquals("Xx", first.getElement());
        editor.commandStack().undo();
        Ui.settle(200);
        assertEquals(0, Arrays.stream(file.findMarkers(DesignSpaceEditor.MARKER_TYPE, false, IResource.DEPTH_ZERO))
                .filter(m -> m.getAttribute(IMarker.SEVERITY, -1) == IMarker.SEVERITY_ERROR).count());
    }

    @Test
    void runsFunnelClusteringAndSamplingAsJobs() throws Exception {
        DesignSpaceEditor editor = (DesignSpaceEditor) IDE.openEditor(Ui.page(), file, DesignSpaceEditor.ID);
        Ui.settle(300);
        Job funnel = editor.runFunnel();
        assertNotNull(funnel);
        Ui.waitUntil("the funnel", 300_000, () -> funnel.getState() == Job.NONE && editor.funnelCounts() != null);
        assertEquals(IStatus.OK, funnel.getResult().getSeverity(), String.valueOf(funnel.getResult()));
        // docs/design-space.md: 148995 -> 101270 -> 73815 -> 23751 -> 2834 -> 830
        assertArrayEquals(new double[] {148995, 101270, 73815, 23751, 2834, 830}, editor.funnelCounts());
        assertEquals(830, editor.funnelResult().remaining());

        Job clustering = editor.runClustering();
        Ui.waitUntil("the clustering", 120_000, () -> clustering.getState() == Job.NONE && editor.clusterSizes() != null);
        assertEquals(20, editor.clusterSizes().length);
        assertEquals(830, Arrays.stream(editor.clusterSizes()).sum(), 1e-9);
        int[] sample = editor.runSampling();
        // docs/design-space.md: Ward, 20 groups, 30 %, seed 1 -> 252 of 830
        assertEquals(252, sample.length);
        Ui.screenshot(editor, "design-editor-funnel.png");
    }
}
