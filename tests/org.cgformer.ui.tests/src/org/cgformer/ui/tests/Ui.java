package org.cgformer.ui.tests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.function.BooleanSupplier;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.IWorkbenchPartReference;
import org.eclipse.ui.PlatformUI;

/** What the UI tests share: shared data, workspace projects, waiting on the UI thread, screenshots. */
final class Ui {

    private Ui() {
    }

    /** A file of ../shared/data (system property {@code cgformer.shared.data}). */
    static Path sharedData(String relative) {
        Path file = Paths.get(System.getProperty("cgformer.shared.data", "../../../shared/data")).resolve(relative);
        if (!Files.exists(file)) {
            fail("shared data missing: " + file.toAbsolutePath());
        }
        return file;
    }

    /** A file of the repository's examples/ (system property {@code cgformer.examples}). */
    static Path example(String relative) {
        Path file = Paths.get(System.getProperty("cgformer.examples", "../../examples")).resolve(relative);
        if (!Files.exists(file)) {
            fail("example missing: " + file.toAbsolutePath());
        }
        return file;
    }

    static IWorkbenchPage page() {
        return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
    }

    /** An open workspace project {@code name}, created when missing. */
    static IProject project(String name) throws CoreException {
        IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject(name);
        if (!project.exists()) {
            project.create(null);
        }
        if (!project.isOpen()) {
            project.open(null);
        }
        return project;
    }

    /** Copies {@code source} into {@code project} as {@code name} (replacing an older copy). */
    static IFile importFile(IProject project, Path source, String name) throws Exception {
        IFile file = project.getFile(name);
        try (InputStream in = Files.newInputStream(source)) {
            if (file.exists()) {
                file.setContents(in, true, false, null);
            } else {
                file.create(in, true, null);
            }
        }
        return file;
    }

    /** Runs the event loop until {@code condition} holds; fails with {@code what} after {@code millis}. */
    static void waitUntil(String what, long millis, BooleanSupplier condition) {
        Display display = Display.getCurrent();
        long end = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                fail("timed out after " + millis + " ms waiting for: " + what);
            }
            if (!display.readAndDispatch()) {
                display.timerExec(20, () -> { });
                display.sleep();
            }
        }
    }

    /** Lets the window finish painting. */
    static void settle(long millis) {
        Display display = Display.getCurrent();
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            if (!display.readAndDispatch()) {
                display.timerExec(20, () -> { });
                display.sleep();
            }
        }
    }

    /** Saves the workbench window as it is drawn on the (X virtual frame buffer) display. */
    static Path screenshot(String name) throws Exception {
        return screenshot(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(), name);
    }

    /** Saves the window with {@code part} maximized (views in the bottom stack are small), then restores it. */
    static Path screenshot(IWorkbenchPart part, String name) throws Exception {
        IWorkbenchPage page = part.getSite().getPage();
        IWorkbenchPartReference reference = page.getReference(part);
        page.setPartState(reference, IWorkbenchPage.STATE_MAXIMIZED);
        try {
            return screenshot(name);
        } finally {
            page.setPartState(reference, IWorkbenchPage.STATE_RESTORED);
        }
    }

    static Path screenshot(Shell shell, String name) throws Exception {
        Display display = shell.getDisplay();
        shell.forceActive();
        settle(1500);
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
}
