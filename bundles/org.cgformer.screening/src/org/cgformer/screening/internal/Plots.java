package org.cgformer.screening.internal;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.cgformer.screening.api.Candidate;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.internal.chartpart.IChart;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report's PNG plots, drawn with XChart (Java2D, headless). */
final class Plots {

    static final int WIDTH = 720;
    static final int HEIGHT = 540;
    /** Bins of a residual histogram. */
    static final int BINS = 20;

    private Plots() {
    }

    /** Draws without a display: charts are Java2D images, no window is opened. */
    static void headless() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /**
     * Predicted against reference values with the y = x line.
     *
     * @param reference what the x values are ("target", "oracle")
     * @param points    what the points are ("test folds", "held-out candidates"), shown with their count
     */
    static void parity(Path file, String title, String reference, String points, String unit, double[] target, double[] predicted)
            throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(reference + " (" + unit + ")")
                .yAxisTitle("predicted (" + unit + ")").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
        chart.getStyler().setLegendPosition(LegendPosition.InsideNW);
        chart.getStyler().setMarkerSize(6);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < target.length; i++) {
            lo = Math.min(lo, Math.min(target[i], predicted[i]));
            hi = Math.max(hi, Math.max(target[i], predicted[i]));
        }
        XYSeries series = chart.addSeries(points + " (" + target.length + ")", target, predicted);
        series.setMarkerColor(new Color(31, 119, 180, 160));
        XYSeries diagonal = chart.addSeries("y = x", new double[] {lo, hi}, new double[] {lo, hi});
        diagonal.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
        diagonal.setMarker(SeriesMarkers.NONE);
        diagonal.setLineColor(Color.GRAY);
        save(chart, file);
    }

    /** Histogram of predicted - target. */
    static void residuals(Path file, String title, String unit, double[] target, double[] predicted) throws IOException {
        double[] r = new double[target.length];
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < r.length; i++) {
            r[i] = predicted[i] - target[i];
            lo = Math.min(lo, r[i]);
            hi = Math.max(hi, r[i]);
        }
        double width = hi > lo ? (hi - lo) / BINS : 1;
        int[] counts = new int[BINS];
        for (double v : r) {
            counts[Math.min(BINS - 1, (int) ((v - lo) / width))]++;
        }
        List<String> labels = new ArrayList<>();
        List<Integer> values = new ArrayList<>();
        for (int b = 0; b < BINS; b++) {
            labels.add(String.format(Locale.ROOT, "%.3g", lo + (b + 0.5) * width));
            values.add(counts[b]);
        }
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("predicted - target (" + unit + "), bin centres").yAxisTitle("test structures").build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(60);
        chart.getStyler().setAvailableSpaceFill(0.95);
        chart.addSeries("residuals", labels, values);
        save(chart, file);
    }

    /** Every ranked candidate in the Eb-Ehull plane, the Pareto front as a line, the shortlist marked. */
    static void ebVsEhull(Path file, List<Candidate> candidates, double ceiling) throws IOException {
        List<Candidate> ok = candidates.stream().filter(c -> c.ok() && !Double.isNaN(c.ehullMevAtom())).toList();
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Predicted barrier and stability of the candidates")
                .xAxisTitle("Eb, ensemble mean (eV)").yAxisTitle("Ehull, ensemble mean (meV/atom)").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
        chart.getStyler().setLegendPosition(LegendPosition.InsideNE);
        chart.getStyler().setMarkerSize(6);
        if (ok.isEmpty()) {
            chart.setTitle("No stability predictions: Eb vs Ehull not available");
            chart.addSeries("none", new double[] {0}, new double[] {0});
            save(chart, file);
            return;
        }
        XYSeries all = chart.addSeries("candidates (" + ok.size() + ")", ok.stream().mapToDouble(Candidate::ebEv).toArray(),
                ok.stream().mapToDouble(Candidate::ehullMevAtom).toArray());
        all.setMarkerColor(new Color(150, 150, 150, 140));
        List<Candidate> front = ok.stream().filter(Candidate::pareto)
                .sorted(java.util.Comparator.comparingDouble(Candidate::ebEv)).toList();
        XYSeries pareto = chart.addSeries("Pareto front (" + front.size() + ")", front.stream().mapToDouble(Candidate::ebEv).toArray(),
                front.stream().mapToDouble(Candidate::ehullMevAtom).toArray());
        pareto.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
        pareto.setMarker(SeriesMarkers.DIAMOND);
        pareto.setLineColor(new Color(31, 119, 180));
        pareto.setMarkerColor(new Color(31, 119, 180));
        List<Candidate> shortlist = ok.stream().filter(Candidate::shortlist).toList();
        if (!shortlist.isEmpty()) {
            XYSeries listed = chart.addSeries("shortlist (" + shortlist.size() + ")",
                    shortlist.stream().mapToDouble(Candidate::ebEv).toArray(),
                    shortlist.stream().mapToDouble(Candidate::ehullMevAtom).toArray());
            listed.setMarker(SeriesMarkers.CIRCLE);
            listed.setMarkerColor(new Color(214, 39, 40));
        }
        double minEb = ok.stream().mapToDouble(Candidate::ebEv).min().orElse(0);
        double maxEb = ok.stream().mapToDouble(Candidate::ebEv).max().orElse(1);
        double minEhull = ok.stream().mapToDouble(Candidate::ehullMevAtom).min().orElse(0);
        double maxEhull = ok.stream().mapToDouble(Candidate::ehullMevAtom).max().orElse(0);
        if (ceiling > maxEhull + 0.2 * (maxEhull - minEhull)) {
            // a ceiling far above every candidate would squash them into one line at the bottom
            chart.setTitle(String.format(Locale.ROOT, "Predicted barrier and stability (all below the Ehull ceiling of %.4g meV/atom)",
                    ceiling));
            save(chart, file);
            return;
        }
        XYSeries line = chart.addSeries(String.format(Locale.ROOT, "Ehull ceiling %.4g meV/atom", ceiling), new double[] {minEb, maxEb},
                new double[] {ceiling, ceiling});
        line.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
        line.setMarker(SeriesMarkers.NONE);
        line.setLineColor(new Color(44, 160, 44));
        save(chart, file);
    }

    /**
     * Candidates left after each step of the funnel: one bar per step, side by side, named with its count in the legend
     * (every step is named there; XChart skips axis labels that would overlap).
     */
    static void funnel(Path file, List<String> steps, List<Long> counts) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title("Design-space funnel")
                .yAxisTitle("candidates left").build();
        chart.getStyler().setLegendPosition(LegendPosition.InsideNE);
        chart.getStyler().setYAxisDecimalPattern("#,###");
        chart.getStyler().setAvailableSpaceFill(0.9);
        chart.getStyler().setXAxisTicksVisible(false);
        // linear bars (XChart's bar charts refuse a logarithmic axis); the legend carries the small counts
        for (int i = 0; i < steps.size(); i++) {
            String step = steps.get(i).length() > 40 ? steps.get(i).substring(0, 39) + "\u2026" : steps.get(i);
            chart.addSeries(String.format(Locale.ROOT, "%d. %s: %,d", i, step, counts.get(i)), List.of("steps"), List.of(counts.get(i)));
        }
        save(chart, file);
    }

    private static void save(IChart chart, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapFormat.PNG);
        }
    }
}
