package org.cgformer.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.cgformer.ui.screening.internal.ScreeningReport;
import org.cgformer.ui.screening.internal.ScreeningReport.Candidate;
import org.cgformer.ui.screening.internal.ScreeningView;
import org.cgformer.ui.structure.internal.CrystalEditor;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.ui.IEditorPart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The screening view on a report folder fixture (tests/org.cgformer.ui.tests/fixtures/screening-report). */
class ScreeningViewTest {

    @AfterAll
    static void closeEditors() {
        Ui.page().closeAllEditors(false);
    }

    @Test
    void sortsFiltersSyncsTheScatterAndOpensStructures() throws Exception {
        Path folder = Ui.fixture("screening-report");
        ScreeningReport report = ScreeningReport.read(folder);
        assertEquals(14, report.candidates().size());
        assertTrue(report.problems().isEmpty(), report.problems().toString());
        ScreeningView view = (ScreeningView) Ui.page().showView(ScreeningView.ID);
        assertTrue(view.load(folder));
        Ui.settle(300);
        List<Candidate> shown = view.shownCandidates();
        assertEquals(14, shown.size());
        assertEquals("c5", shown.get(0).id(), "sorted by rank");
        assertEquals("c14", shown.get(13).id(), "the failed candidate (no rank) last");

        view.sortBy("Eb (eV)");
        assertEquals("c9", view.shownCandidates().get(0).id(), "lowest barrier first");
        view.sortBy("Eb (eV)");
        assertEquals("c9", view.shownCandidates().get(13).id(), "second click: descending");
        view.sortBy("Rank");

        view.setShortlistOnly(true);
        assertEquals(5, view.shownCandidates().size());
        assertTrue(view.shownCandidates().stream().allMatch(Candidate::shortlist));
        assertEquals(5, view.scatter().getSeriesSet().getSeries("shortlist").getXSeries().length);
        assertEquals(4, view.scatter().getSeriesSet().getSeries("Pareto front").getXSeries().length);
        view.setShortlistOnly(false);

        view.setFilter("W:");
        assertTrue(!view.shownCandidates().isEmpty() && view.shownCandidates().stream().allMatch(c -> c.dopants().contains("W:")));
        view.setFilter("");
        view.setLimits("0.35", "");
        assertEquals(report.candidates().stream().filter(c -> c.ebEv() <= 0.35).count(), view.shownCandidates().size());
        view.setLimits("", "");
        assertEquals(13, view.scatter().getSeriesSet().getSeries("candidates").getXSeries().length, "the failed one is not plotted");

        // a click on c7's point selects its row
        Candidate c7 = report.candidates().stream().filter(c -> c.id().equals("c7")).findFirst().orElseThrow();
        Ui.settle(300);
        int[] pixel = view.pixelOf(c7);
        Event click = new Event();
        click.x = pixel[0];
        click.y = pixel[1];
        click.button = 1;
        view.scatter().getPlotArea().getControl().notifyListeners(SWT.MouseDown, click);
        assertEquals(List.of("c7"), view.selected().stream().map(Candidate::id).toList());
        double[] selected = view.scatter().getSeriesSet().getSeries("selected").getXSeries();
        assertEquals(1, selected.length);
        assertEquals(c7.ebEv(), selected[0], 1e-12);
        Ui.screenshot(view, "screening-view.png");

        IEditorPart editor = view.openSelectedStructure();
        assertTrue(editor instanceof CrystalEditor, String.valueOf(editor));
        Ui.settle(300);
        assertNull(((CrystalEditor) editor).error());
        Ui.screenshot("screening-open-structure.png");

        Path export = Files.createTempDirectory("screening-export");
        view.setShortlistOnly(true);
        view.exportShown(export.resolve("candidates.csv"));
        ScreeningReport exported = ScreeningReport.read(export);
        assertEquals(List.of("c5", "c10", "c2", "c7", "c9"), exported.candidates().stream().map(Candidate::id).toList());
        assertEquals(c7, exported.candidates().get(3));
        view.setShortlistOnly(false);
    }
}
