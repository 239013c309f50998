package org.cgformer.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.cgformer.ui.CgformerUi;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.navigator.CommonNavigator;
import org.junit.jupiter.api.Test;

/** Starts the CGformer product's workbench (Tycho UI harness) and checks what a user first sees. */
class WorkbenchWindowTest {

    @Test
    void opensWithTheCgformerPerspectiveAndTheProjectExplorer() throws Exception {
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        assertNotNull(window, "no workbench window");
        IWorkbenchPage page = window.getActivePage();
        assertEquals(CgformerUi.PERSPECTIVE_ID, page.getPerspective().getId());
        assertEquals("CGformer", page.getPerspective().getLabel());

        IViewPart explorer = page.findView(IPageLayout.ID_PROJECT_EXPLORER);
        assertNotNull(explorer, "Project Explorer is not open");
        assertTrue(explorer instanceof CommonNavigator);
        // other UI tests may have left projects: the navigator must list exactly the workspace's projects
        Ui.settle(500);
        assertEquals(ResourcesPlugin.getWorkspace().getRoot().getProjects().length,
                ((CommonNavigator) explorer).getCommonViewer().getTree().getItemCount(), "navigator lists the projects");

        assertTrue(window.getShell().getText().contains("CGformer Workbench"), window.getShell().getText());
        Path png = Ui.screenshot(window.getShell(), "workbench.png");
        assertTrue(Files.size(png) > 10_000, "screenshot " + png + " is suspiciously small");
    }
}
