package org.cgformer.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.cgformer.ui.CgformerUi;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
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
    void opensWithTheCgformerPerspectiveAndAnEmptyProjectExplorer() throws Exception {
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        assertNotNull(window, "no workbench window");
        IWorkbenchPage page = window.getActivePage();
        assertEquals(CgformerUi.PERSPECTIVE_ID, page.getPerspective().getId());
        assertEquals("CGformer", page.getPerspective().getLabel());

        IViewPart explorer = page.findView(IPageLayout.ID_PROJECT_EXPLORER);
        assertNotNull(explorer, "Project Explorer is not open");
        assertTrue(explorer instanceof CommonNavigator);
        assertEquals(0, ResourcesPlugin.getWorkspace().getRoot().getProjects().length, "fresh workspace has no projects");
        assertEquals(0, ((CommonNavigator) explorer).getCommonViewer().getTree().getItemCount(), "navigator is empty");

        assertTrue(window.getShell().getText().contains("CGformer Workbench"), window.getShell().getText());
        Path png = screenshot(window.getShell(), "workbench.png");
        assertTrue(Files.size(png) > 10_000, "screenshot " + png + " is suspiciously small");
    }

    /** Saves the shell as it is drawn on the (X virtual frame buffer) display. */
    static Path screenshot(Shell shell, String name) throws Exception {
        Display display = shell.getDisplay();
        shell.forceActive();
        settle(display, 1500);
        Rectangle bounds = shell.getBounds();
        Image image = new Image(display, bounds.width, bounds.height);
        GC gc = new GC(display);
        try {
            gc.copyArea(image, bounds.x, bounds.y);
            ImageLoader loader = new ImageLoader();
            loader.data = new ImageData[] {image.getImageData()};
            Path folder = Paths.get(System.getProperty("cgformer.screenshots", "target/screenshots"));
            Files.createDirectories(folder);
            Path file = folder.resolve(name);
            loader.save(file.toString(), SWT.IMAGE_PNG);
            System.out.println("[ui test] screenshot " + file.toAbsolutePath());
            return file;
        } finally {
            gc.dispose();
            image.dispose();
        }
    }

    /** Lets the window finish painting before the picture is taken. */
    private static void settle(Display display, long millis) {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            if (!display.readAndDispatch()) {
                display.timerExec(20, () -> { });
                display.sleep();
            }
        }
    }
}
