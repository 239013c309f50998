package org.cgformer.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

import org.cgformer.design.model.DesignSpace;
import org.cgformer.design.model.resource.DesignSpaceResources;
import org.cgformer.screening.api.Candidate;
import org.cgformer.screening.api.ScreeningListener;
import org.cgformer.screening.api.ScreeningOptions;
import org.cgformer.screening.api.ScreeningReport;
import org.cgformer.screening.api.ScreeningResult;
import org.cgformer.screening.api.ScreeningService;
import org.cgformer.ui.screening.internal.ScreeningView;
import org.cgformer.ui.structure.internal.CrystalEditor;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IWorkbenchPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The screening view on a report written by the real pipeline: the {@link ScreeningService} of this runtime screens every
 * combination of a 6-dopant pool of the shipped design space with the shipped CGCNN barrier and Ehull models, then the
 * view opens the report folder. No fixture: the view reads what the service wrote.
 */
class ScreeningViewTest {

    private static Path report;
    private static ScreeningResult screened;

    @BeforeAll
    static void screenWithTheRealPipeline() throws Exception {
        Path work = Files.createTempDirectory("screening-ui");
        Path design = work.resolve("six-dopants.designspace");
        DesignSpace space = DesignSpaceResources.loadDesignSpace(Ui.example("nasicon-zr-site.designspace"));
        space.setHostStructure(DesignSpaceResources.hostStructurePath(space).toAbsolutePath().toString());
        List<String> pool = List.of("Ti", "Hf", "Sn", "Nb", "Mg", "Ca");
        space.getPool().removeIf(dopant -> !pool.contains(dopant.getElement()));
        DesignSpaceResources.save(space, design);
        ScreeningOptions options = ScreeningOptions.defaults(Ui.example("models/eb-pretrained-cgcnn"), Ui.example("models/ehull-cgcnn"))
                .withAll(true).withTop(3);
        report = work.resolve("report");
        screened = service(ScreeningService.class).screen(design, options, report, ScreeningListener.SILENT);
    }

    @AfterAll
    static void closeEditors() {
        Ui.page().closeAllEditors(false);
    }

    @Test
    void readsWhatTheServiceWrote() throws Exception {
        ScreeningReport read = ScreeningReport.read(report);
        assertTrue(read.problems().isEmpty(), read.problems().toString());
        assertEquals(15, read.candidates().size(), "C(6, 4) combinations with --all");
        assertEquals(screened.candidates().stream().map(Candidate::id).toList(), read.candidates().stream().map(Candidate::id).toList());
        for (int i = 0; i < read.candidates().size(); i++) {
            Candidate written = screened.candidates().get(i);
            Candidate back = read.candidates().get(i);
            assertEquals(written.rank(), back.rank());
            assertEquals(written.dopants(), back.dopants());
            assertSameNumber(written.ebEv(), back.ebEv(), written.id() + " Eb");
            assertSameNumber(written.ehullMevAtom(), back.ehullMevAtom(), written.id() + " Ehull");
            assertEquals(written.message(), back.message());
        }
        assertFalse(read.summary().isEmpty(), "summary.json is read");
    }

    @Test
    void sortsFiltersSyncsTheScatterAndOpensStructures() throws Exception {
        List<Candidate> candidates = ScreeningReport.read(report).candidates();
        List<Candidate> ranked = candidates.stream().filter(c -> c.rank() > 0).toList();
        assertTrue(ranked.size() >= 2, "at least two candidates ranked: " + candidates);
        ScreeningView view = (ScreeningView) Ui.page().showView(ScreeningView.ID);
        assertTrue(view.load(report));
        Ui.settle(300);
        List<Candidate> shown = view.shownCandidates();
        assertEquals(candidates.size(), shown.size());
        assertEquals(ranked.get(0).id(), shown.get(0).id(), "sorted by rank");
        assertEquals(ranked.size(), shown.stream().takeWhile(c -> c.rank() > 0).count(), "failed candidates (no rank) last");

        view.sortBy("Eb (eV)");
        Candidate lowest = ranked.stream().min(Comparator.comparingDouble(Candidate::ebEv)).orElseThrow();
        assertEquals(lowest.id(), view.shownCandidates().get(0).id(), "lowest barrier first");
        view.sortBy("Rank");

        view.setShortlistOnly(true);
        List<String> shortlist = ScreeningReport.readCandidates(report.resolve(ScreeningReport.SHORTLIST)).stream().map(Candidate::id)
                .toList();
        assertEquals(3, shortlist.size());
        assertEquals(shortlist, view.shownCandidates().stream().map(Candidate::id).toList());
        view.setShortlistOnly(false);
        assertEquals(ranked.stream().filter(Candidate::pareto).count(),
                view.scatter().getSeriesSet().getSeries("Pareto front").getXSeries().length);
        assertEquals(ranked.size(), view.scatter().getSeriesSet().getSeries("candidates").getXSeries().length,
                "failed ones are not plotted");

        // a click on the second candidate's point selects its row (the view maximized: in the bottom stack the plot is small)
        Candidate second = ranked.get(1);
        Ui.page().setPartState(Ui.page().getReference(view), IWorkbenchPage.STATE_MAXIMIZED);
        Ui.settle(500);
        int[] pixel = view.pixelOf(second);
        int[] other = view.pixelOf(ranked.get(0));
        assertTrue(pixel[0] != other[0] || pixel[1] != other[1], "two points at one pixel: " + pixel[0] + "," + pixel[1]);
        Event click = new Event();
        click.x = pixel[0];
        click.y = pixel[1];
        click.button = 1;
        view.scatter().getPlotArea().getControl().notifyListeners(SWT.MouseDown, click);
        assertEquals(List.of(second.id()), view.selected().stream().map(Candidate::id).toList());
        Ui.screenshot(view, "screening-view.png");
        Ui.page().setPartState(Ui.page().getReference(view), IWorkbenchPage.STATE_RESTORED);

        IEditorPart editor = view.openSelectedStructure();
        assertTrue(editor instanceof CrystalEditor, String.valueOf(editor));
        Ui.settle(300);
        assertNull(((CrystalEditor) editor).error());
        Ui.screenshot("screening-open-structure.png");

        Path export = Files.createTempDirectory("screening-export");
        view.setShortlistOnly(true);
        view.exportShown(export.resolve(ScreeningReport.CANDIDATES));
        List<Candidate> exported = ScreeningReport.read(export).candidates();
        assertEquals(shortlist, exported.stream().map(Candidate::id).toList());
        assertEquals(candidates.stream().filter(c -> c.id().equals(shortlist.get(0))).findFirst().orElseThrow(), exported.get(0),
                "the export is written in the report's own format");
        view.setShortlistOnly(false);
    }

    /** Equal to the 6 significant digits the report writes, or both missing (NaN). */
    private static void assertSameNumber(double written, double read, String what) {
        if (Double.isNaN(written)) {
            assertTrue(Double.isNaN(read), what + ": " + read + " read for a missing value");
        } else {
            assertEquals(written, read, Math.abs(written) * 1e-5, what);
        }
    }

    private static <T> T service(Class<T> type) throws InterruptedException {
        BundleContext context = FrameworkUtil.getBundle(ScreeningViewTest.class).getBundleContext();
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        T service = tracker.waitForService(30_000);
        assertNotNull(service, "no " + type.getSimpleName() + " service in the workbench runtime");
        return service;
    }
}
