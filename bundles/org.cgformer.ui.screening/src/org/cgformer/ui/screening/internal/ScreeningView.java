package org.cgformer.ui.screening.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import org.cgformer.screening.api.Candidate;
import org.cgformer.screening.api.ScreeningReport;
import org.cgformer.ui.structure.CrystalFiles;
import org.eclipse.core.runtime.Status;
import org.eclipse.jface.dialogs.ErrorDialog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.viewers.Viewer;
import org.eclipse.jface.viewers.ViewerComparator;
import org.eclipse.jface.viewers.ViewerFilter;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swtchart.Chart;
import org.eclipse.swtchart.IAxis;
import org.eclipse.swtchart.ILineSeries;
import org.eclipse.swtchart.ISeries;
import org.eclipse.swtchart.LineStyle;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.ViewPart;

/**
 * Screening results of a report folder: the candidate table (sortable by any column, filtered by text,
 * by shortlist and by largest Eb and Ehull) next to an Eb vs Ehull scatter with the Pareto front and the
 * shortlist highlighted. Selecting a row marks its point and clicking a point selects its row; a double
 * click opens the candidate's generated structure in the crystal editor. Export writes the rows shown.
 */
public class ScreeningView extends ViewPart {

    public static final String ID = "org.cgformer.ui.screening.view";

    /** A table column: title, width, text and sort key. */
    private record Column(String title, int width, Function<Candidate, String> text, Comparator<Candidate> order) {
    }

    private static final List<Column> COLUMNS = List.of(
            // a failed candidate has rank 0 and sorts last
            text("Rank", 50, c -> c.rank() > 0 ? Integer.toString(c.rank()) : "",
                    Comparator.comparingInt(c -> c.rank() > 0 ? c.rank() : Integer.MAX_VALUE)),
            text("Id", 70, Candidate::id, Comparator.comparing(Candidate::id)),
            text("Formula", 230, Candidate::formula, Comparator.comparing(Candidate::formula)),
            text("Dopants", 200, ScreeningView::dopants, Comparator.comparing(ScreeningView::dopants)),
            number("Eb (eV)", Candidate::ebEv), number("± Eb", Candidate::ebStdEv),
            number("Ehull (meV/atom)", Candidate::ehullMevAtom), number("± Ehull", Candidate::ehullStdMevAtom),
            text("Cluster", 60, c -> c.cluster() > 0 ? Integer.toString(c.cluster()) : "", Comparator.comparingInt(Candidate::cluster)),
            number("Score", Candidate::score),
            text("Pareto", 55, c -> c.pareto() ? "yes" : "", Comparator.comparing(Candidate::pareto).reversed()),
            text("Shortlist", 65, c -> c.shortlist() ? "yes" : "", Comparator.comparing(Candidate::shortlist).reversed()),
            text("Status", 200, c -> c.ok() ? "ok" : "failed: " + c.message(), Comparator.comparing(Candidate::ok).reversed()));

    private static final Color ALL = new Color(150, 150, 150);
    private static final Color FRONT = new Color(230, 120, 0);
    private static final Color SHORTLIST = new Color(200, 0, 0);
    private static final Color SELECTED = new Color(0, 70, 200);

    private ScreeningReport report;
    private TableViewer table;
    private Chart scatter;
    private Label folderLabel;
    private Text filterText;
    private Button shortlistOnly;
    private Text maxEb;
    private Text maxEhull;
    private Column sortColumn = COLUMNS.get(0);
    private boolean ascending = true;

    /** The dopants as the report writes them, {@code El:fraction;El:fraction}. */
    public static String dopants(Candidate c) {
        return String.join(";", c.dopants());
    }

    private static Column text(String title, int width, Function<Candidate, String> text, Comparator<Candidate> order) {
        return new Column(title, width, text, order);
    }

    private static Column number(String title, java.util.function.ToDoubleFunction<Candidate> value) {
        return new Column(title, 80, c -> Double.isNaN(value.applyAsDouble(c)) ? ""
                : String.format(Locale.ROOT, "%.3f", value.applyAsDouble(c)),
                Comparator.comparingDouble(c -> Double.isNaN(value.applyAsDouble(c)) ? Double.MAX_VALUE : value.applyAsDouble(c)));
    }

    @Override
    public void createPartControl(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        createBar(parent);
        SashForm sash = new SashForm(parent, SWT.HORIZONTAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        createTable(sash);
        scatter = new Chart(sash, SWT.NONE);
        scatter.getTitle().setText("Eb vs Ehull");
        scatter.getAxisSet().getXAxis(0).getTitle().setText("Eb (eV)");
        scatter.getAxisSet().getYAxis(0).getTitle().setText("Ehull (meV/atom)");
        scatter.getLegend().setPosition(SWT.BOTTOM);
        scatter.getPlotArea().getControl().addListener(SWT.MouseDown, e -> selectNearest(e.x, e.y));
        sash.setWeights(60, 40);
    }

    private void createBar(Composite parent) {
        Composite bar = new Composite(parent, SWT.NONE);
        bar.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        bar.setLayout(new GridLayout(12, false));
        Button open = new Button(bar, SWT.PUSH);
        open.setText("Open report...");
        open.addListener(SWT.Selection, e -> {
            DirectoryDialog dialog = new DirectoryDialog(parent.getShell());
            dialog.setMessage("Screening report folder (with candidates.csv)");
            String folder = dialog.open();
            if (folder != null) {
                load(Path.of(folder));
            }
        });
        folderLabel = new Label(bar, SWT.NONE);
        folderLabel.setText("no report");
        new Label(bar, SWT.NONE).setText("Filter:");
        filterText = new Text(bar, SWT.BORDER | SWT.SEARCH);
        filterText.setMessage("formula, dopant, id");
        filterText.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        filterText.addListener(SWT.Modify, e -> refresh());
        new Label(bar, SWT.NONE).setText("Eb ≤");
        maxEb = limit(bar);
        new Label(bar, SWT.NONE).setText("Ehull ≤");
        maxEhull = limit(bar);
        shortlistOnly = new Button(bar, SWT.CHECK);
        shortlistOnly.setText("Shortlist only");
        shortlistOnly.addListener(SWT.Selection, e -> refresh());
        Button structure = new Button(bar, SWT.PUSH);
        structure.setText("Open structure");
        structure.addListener(SWT.Selection, e -> openSelectedStructure());
        Button export = new Button(bar, SWT.PUSH);
        export.setText("Export CSV...");
        export.addListener(SWT.Selection, e -> {
            FileDialog dialog = new FileDialog(parent.getShell(), SWT.SAVE);
            dialog.setFilterExtensions(new String[] {"*.csv"});
            dialog.setFileName("candidates-shown.csv");
            dialog.setOverwrite(true);
            String file = dialog.open();
            if (file != null) {
                exportShown(Path.of(file));
            }
        });
    }

    private Text limit(Composite bar) {
        Text text = new Text(bar, SWT.BORDER);
        text.setLayoutData(new GridData(50, SWT.DEFAULT));
        text.setMessage("any");
        text.addListener(SWT.Modify, e -> refresh());
        return text;
    }

    private void createTable(Composite parent) {
        table = new TableViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.MULTI | SWT.V_SCROLL | SWT.H_SCROLL);
        table.getTable().setHeaderVisible(true);
        table.getTable().setLinesVisible(true);
        table.setContentProvider(ArrayContentProvider.getInstance());
        for (Column column : COLUMNS) {
            TableViewerColumn viewerColumn = new TableViewerColumn(table, SWT.LEFT);
            viewerColumn.getColumn().setText(column.title());
            viewerColumn.getColumn().setWidth(column.width());
            viewerColumn.setLabelProvider(new ColumnLabelProvider() {
                @Override
                public String getText(Object element) {
                    return column.text().apply((Candidate) element);
                }
            });
            viewerColumn.getColumn().addListener(SWT.Selection, e -> sortBy(column.title()));
        }
        table.setComparator(new ViewerComparator() {
            @Override
            public int compare(Viewer viewer, Object a, Object b) {
                int order = sortColumn.order().compare((Candidate) a, (Candidate) b);
                return ascending ? order : -order;
            }
        });
        table.addFilter(new ViewerFilter() {
            @Override
            public boolean select(Viewer viewer, Object parent, Object element) {
                return shown((Candidate) element);
            }
        });
        table.addSelectionChangedListener(e -> drawScatter());
        table.addDoubleClickListener(e -> openSelectedStructure());
    }

    /** Reads a report folder; unreadable rows are listed in a dialog, the rest is shown. */
    public boolean load(Path folder) {
        try {
            report = ScreeningReport.read(folder);
        } catch (IOException e) {
            ErrorDialog.openError(getSite().getShell(), "Screening", "Cannot open the screening report", Status.error(e.getMessage(), e));
            return false;
        }
        folderLabel.setText(folder.getFileName() + ": " + report.candidates().size() + " candidates");
        folderLabel.getParent().layout();
        table.setInput(report.candidates());
        drawScatter();
        if (!report.problems().isEmpty()) {
            MessageDialog.openWarning(getSite().getShell(), "Screening", report.problems().size()
                    + " rows could not be read and are left out:\n" + String.join("\n", report.problems()));
        }
        return true;
    }

    /** Sorts by the column with this title; a second call reverses the order. */
    public void sortBy(String title) {
        Column column = COLUMNS.stream().filter(c -> c.title().equals(title)).findFirst().orElseThrow();
        ascending = column != sortColumn || !ascending;
        sortColumn = column;
        table.getTable().setSortColumn(table.getTable().getColumn(COLUMNS.indexOf(column)));
        table.getTable().setSortDirection(ascending ? SWT.UP : SWT.DOWN);
        table.refresh();
    }

    private boolean shown(Candidate c) {
        String filter = filterText.getText().strip().toLowerCase(Locale.ROOT);
        if (!filter.isEmpty() && !(c.formula() + " " + dopants(c) + " " + c.id()).toLowerCase(Locale.ROOT).contains(filter)) {
            return false;
        }
        if (shortlistOnly.getSelection() && !c.shortlist()) {
            return false;
        }
        return below(c.ebEv(), maxEb) && below(c.ehullMevAtom(), maxEhull);
    }

    private static boolean below(double value, Text limit) {
        String text = limit.getText().strip();
        if (text.isEmpty()) {
            return true;
        }
        try {
            return value <= Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return true; // a half-typed number filters nothing
        }
    }

    private void refresh() {
        table.refresh();
        drawScatter();
    }

    /** The candidates the table shows, in its order. */
    public List<Candidate> shownCandidates() {
        List<Candidate> shown = new ArrayList<>();
        for (int i = 0; i < table.getTable().getItemCount(); i++) {
            shown.add((Candidate) table.getElementAt(i));
        }
        return shown;
    }

    private List<Candidate> plotted() {
        return shownCandidates().stream().filter(c -> !Double.isNaN(c.ebEv()) && !Double.isNaN(c.ehullMevAtom())).toList();
    }

    private void drawScatter() {
        for (ISeries<?> s : scatter.getSeriesSet().getSeries()) {
            scatter.getSeriesSet().deleteSeries(s.getId());
        }
        List<Candidate> plotted = plotted();
        points("candidates", plotted, ALL, 4, ILineSeries.PlotSymbolType.CIRCLE);
        List<Candidate> front = plotted.stream().filter(Candidate::pareto).sorted(Comparator.comparingDouble(Candidate::ebEv)).toList();
        ILineSeries<?> frontSeries = points("Pareto front", front, FRONT, 5, ILineSeries.PlotSymbolType.DIAMOND);
        frontSeries.setLineStyle(LineStyle.SOLID);
        frontSeries.enableStep(true);
        points("shortlist", plotted.stream().filter(Candidate::shortlist).toList(), SHORTLIST, 6, ILineSeries.PlotSymbolType.SQUARE);
        points("selected", selected().stream().filter(plotted::contains).toList(), SELECTED, 9, ILineSeries.PlotSymbolType.CROSS);
        scatter.getAxisSet().adjustRange();
        scatter.redraw();
    }

    private ILineSeries<?> points(String name, List<Candidate> candidates, Color colour, int size, ILineSeries.PlotSymbolType symbol) {
        ILineSeries<?> series = (ILineSeries<?>) scatter.getSeriesSet().createSeries(ISeries.SeriesType.LINE, name);
        series.setLineStyle(LineStyle.NONE);
        series.setSymbolType(symbol);
        series.setSymbolColor(colour);
        series.setLineColor(colour);
        series.setSymbolSize(size);
        series.setXSeries(candidates.stream().mapToDouble(Candidate::ebEv).toArray());
        series.setYSeries(candidates.stream().mapToDouble(Candidate::ehullMevAtom).toArray());
        return series;
    }

    /** Selects the plotted candidate nearest to pixel (x, y) of the plot area, as a click does. */
    public Candidate selectNearest(int x, int y) {
        IAxis xAxis = scatter.getAxisSet().getXAxis(0);
        IAxis yAxis = scatter.getAxisSet().getYAxis(0);
        Candidate best = null;
        double bestDistance = Double.MAX_VALUE;
        for (Candidate c : plotted()) {
            double dx = xAxis.getPixelCoordinate(c.ebEv()) - x;
            double dy = yAxis.getPixelCoordinate(c.ehullMevAtom()) - y;
            if (dx * dx + dy * dy < bestDistance) {
                bestDistance = dx * dx + dy * dy;
                best = c;
            }
        }
        if (best != null) {
            select(best);
        }
        return best;
    }

    /** Pixel of a candidate's point in the plot area. */
    public int[] pixelOf(Candidate c) {
        return new int[] {scatter.getAxisSet().getXAxis(0).getPixelCoordinate(c.ebEv()),
            scatter.getAxisSet().getYAxis(0).getPixelCoordinate(c.ehullMevAtom())};
    }

    public void select(Candidate c) {
        table.setSelection(new StructuredSelection(c), true);
    }

    public List<Candidate> selected() {
        List<Candidate> selected = new ArrayList<>();
        for (Object o : ((IStructuredSelection) table.getSelection()).toList()) {
            selected.add((Candidate) o);
        }
        return selected;
    }

    /** Opens the first selected candidate's generated structure in the crystal editor. */
    public IEditorPart openSelectedStructure() {
        List<Candidate> selected = selected();
        if (selected.isEmpty()) {
            return null;
        }
        Candidate c = selected.get(0);
        if (c.structure().isEmpty()) {
            // a screening keeps the structures of the shortlist, the Pareto front and the validated candidates only
            String why = c.ok() ? "its structure was not kept (the run keeps those of the shortlist, the Pareto front and the validated "
                    + "candidates; 'cgformer screen ... --keep-structures' keeps all)" : "it has no structure: " + c.message();
            MessageDialog.openInformation(getSite().getShell(), "Screening", c.id() + " " + c.formula() + ": " + why);
            return null;
        }
        Path file = report.folder().resolve(c.structure());
        try {
            return CrystalFiles.open(getSite().getPage(), file);
        } catch (PartInitException e) {
            ErrorDialog.openError(getSite().getShell(), "Screening", "Cannot open " + file, e.getStatus());
            return null;
        }
    }

    /** Writes the rows shown (filtered, in the table's order) with the report's columns, by the report's own writer. */
    public void exportShown(Path file) {
        try {
            ScreeningReport.writeCandidates(file, shownCandidates());
        } catch (IOException e) {
            ErrorDialog.openError(getSite().getShell(), "Screening", "Cannot write " + file, Status.error(e.getMessage(), e));
        }
    }

    public void setFilter(String text) {
        filterText.setText(text);
    }

    public void setShortlistOnly(boolean only) {
        shortlistOnly.setSelection(only);
        refresh();
    }

    public void setLimits(String eb, String ehull) {
        maxEb.setText(eb);
        maxEhull.setText(ehull);
    }

    public Chart scatter() {
        return scatter;
    }

    @Override
    public void setFocus() {
        table.getControl().setFocus();
    }
}
