package org.cgformer.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.cgformer.bvse.api.BvseCalculator;
import org.cgformer.bvse.api.BvseOptions;
import org.cgformer.bvse.api.BvseResult;
import org.cgformer.bvse.api.DatasetLabeller;
import org.cgformer.bvse.api.StructureIons;
import org.cgformer.structure.api.StructureReader;
import org.cgformer.ui.CgformerUi;
import org.cgformer.ui.bvse.internal.BarrierDialog;
import org.cgformer.ui.bvse.internal.BarrierJob;
import org.cgformer.ui.bvse.internal.LabelDatasetHandler;
import org.cgformer.ui.bvse.internal.LabelDatasetJob;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IFolder;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.handlers.IHandlerService;
import org.eclipse.ui.navigator.CommonNavigator;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/**
 * The workbench's BVSE actions on real structures of ../shared/data: "Compute BVSE Barrier" on a crystal file (compared
 * with the BVSE service's own result for the same file) and "Label Dataset with BVSE..." on a folder, cancelled midway.
 * Both read the preference "BVSE resolution", set here to a coarse 0.3 Å to keep the test short.
 */
class BvseActionsTest {

    private static final String RESOLUTION = "0.3";
    private static IProject project;

    @BeforeAll
    static void coarseGridAndProject() throws Exception {
        InstanceScope.INSTANCE.getNode(CgformerUi.PREFERENCES_NODE).put(CgformerUi.PREF_BVSE_RESOLUTION, RESOLUTION);
        project = Ui.project("bvse");
    }

    @AfterAll
    static void restoreDefaults() throws Exception {
        InstanceScope.INSTANCE.getNode(CgformerUi.PREFERENCES_NODE).remove(CgformerUi.PREF_BVSE_RESOLUTION);
        project.delete(true, true, null);
    }

    @Test
    void computesTheBarrierOfASelectedCrystalFileAsAJobAndShowsTheServicesValue() throws Exception {
        Path cif = Ui.sharedData("nasicon/Na3Zr2Si2PO12_R-3c_average.cif");
        IFile file = Ui.importFile(project, cif, "Na3Zr2Si2PO12_R-3c_average.cif");
        IViewPart explorer = Ui.page().showView(IPageLayout.ID_PROJECT_EXPLORER);
        ((CommonNavigator) explorer).selectReveal(new StructuredSelection(file));
        Ui.page().activate(explorer);
        Ui.settle(300);

        Object job = PlatformUI.getWorkbench().getService(IHandlerService.class)
                .executeCommand("org.cgformer.ui.bvse.computeBarrier", null);

        BarrierJob barrier = assertInstanceOf(BarrierJob.class, job);
        assertEquals(0.3, barrier.resolutionAngstrom(), "the preference is read");
        Ui.waitUntil("the barrier dialog", 180_000, () -> barrierDialog() != null);
        assertTrue(barrier.getResult().isOK(), barrier.getResult().toString());
        BarrierDialog dialog = barrierDialog();
        BvseResult expected = serviceResult(cif, 0.3);
        assertNotNull(expected.ea3D());
        assertEquals(expected.ea3D(), barrier.result().ea3D(), 1e-9, "the same as the BVSE service's");
        assertEquals(String.format(Locale.ROOT, "%.4f eV", expected.ea3D()), dialog.value("Ea3D"));
        assertEquals(String.format(Locale.ROOT, "%.4f eV", expected.ea1D()), dialog.value("Ea1D"));
        assertTrue(dialog.value("Resolution").startsWith("0.300 Å"), dialog.value("Resolution"));
        Ui.screenshot(dialog.getShell(), "bvse-barrier.png");
        dialog.close();
    }

    @Test
    void labelsAFolderAsAJobWhoseCancellationKeepsTheFinishedRows() throws Exception {
        IFolder structures = project.getFolder("structures");
        if (!structures.exists()) {
            structures.create(true, true, null);
        }
        List<Path> compounds;
        try (Stream<Path> files = Files.list(Ui.sharedData("structures/na_compounds"))) {
            compounds = files.filter(f -> f.toString().endsWith(".cif")).sorted().limit(200).toList(); // more than a fast machine labels before the cancel
        }
        for (Path compound : compounds) {
            Files.copy(compound, structures.getLocation().toPath().resolve(compound.getFileName()));
        }
        Path output = project.getLocation().toPath().resolve("dataset");
        Ui.page().showView("org.eclipse.ui.views.ProgressView");

        LabelDatasetJob job = LabelDatasetHandler.schedule(structures.getLocation().toPath(), output, CgformerUi.bvseResolution());

        Path labels = output.resolve(DatasetLabeller.LABELS);
        Ui.waitUntil("the first labelled row", 180_000, () -> rows(labels) >= 1);
        // cancel at once: on an idle machine the rest of the 200 (most refused within milliseconds) finished during the
        // screenshot, so the job was never cancelled; the screenshot shows the job while it stops
        job.cancel();
        Ui.screenshot("bvse-label-dataset-running.png");
        Ui.waitUntil("the job to stop", 180_000, () -> job.getState() == Job.NONE && job.getResult() != null);

        assertEquals(IStatus.CANCEL, job.getResult().getSeverity(), job.getResult().toString());
        assertTrue(job.result().cancelled(), "stopped before the end: " + job.result());
        assertEquals(compounds.size(), job.result().labelled() + job.result().refused() + job.result().notStarted());
        assertEquals(job.result().labelled(), rows(labels), "every finished row is kept");
        assertEquals(job.result().refused(), rows(output.resolve(DatasetLabeller.REFUSED)));
        assertTrue(Files.readString(output.resolve(DatasetLabeller.METADATA)).contains("\"resolution\" : 0.3"));
        assertTrue(project.getFolder("dataset").getFile(DatasetLabeller.LABELS).exists(), "the workspace shows the dataset");
        Ui.screenshot("bvse-label-dataset-cancelled.png");
    }

    private static BarrierDialog barrierDialog() {
        for (Shell shell : Display.getCurrent().getShells()) {
            if (!shell.isDisposed() && shell.getData() instanceof BarrierDialog dialog) {
                return dialog;
            }
        }
        return null;
    }

    private static int rows(Path csv) {
        try {
            return Files.exists(csv) ? (int) Files.readAllLines(csv).stream().filter(l -> !l.isBlank()).count() : 0;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The barrier the BVSE service computes for {@code cif} (all its readers, its default settings but the grid). */
    private static BvseResult serviceResult(Path cif, double resolution) throws Exception {
        BundleContext context = FrameworkUtil.getBundle(BvseActionsTest.class).getBundleContext();
        List<StructureReader> readers = new ArrayList<>();
        context.getServiceReferences(StructureReader.class, null).forEach(r -> readers.add(context.getService(r)));
        BvseCalculator calculator = context.getService(context.getServiceReference(BvseCalculator.class));
        StructureIons ions = StructureIons.of(StructureReader.readFile(readers, cif).structure());
        return calculator.compute(ions.lattice(), ions.sites(), BvseOptions.builder().optResolution(resolution).build());
    }
}
