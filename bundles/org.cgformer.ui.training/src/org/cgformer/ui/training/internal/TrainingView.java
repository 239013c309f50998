package org.cgformer.ui.training.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.cgformer.graph.api.Featurizer;
import org.cgformer.graph.api.FeaturizationException;
import org.cgformer.graph.api.FeaturizerRegistry;
import org.cgformer.ml.api.Metrics;
import org.cgformer.ml.api.PropertyModel;
import org.cgformer.ml.api.TrainingOptions;
import org.cgformer.ml.api.TrainingProgress;
import org.cgformer.ml.training.TrainingService;
import org.cgformer.ui.CgformerUi;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.jface.dialogs.ErrorDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swtchart.Chart;
import org.eclipse.swtchart.IAxis;
import org.eclipse.swtchart.ILineSeries;
import org.eclipse.swtchart.ISeries;
import org.eclipse.swtchart.LineStyle;
import org.eclipse.ui.part.ViewPart;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Starts a training (model and featurizer from the service registry, dataset folder, folds, epochs)
 * as a {@link TrainingJob} of the {@link TrainingService} and shows it live: training loss and validation MAE per epoch, then the
 * parity plot of the held-out structures and the metrics table (per fold and mean +- std).
 */
public class TrainingView extends ViewPart {

    public static final String ID = "org.cgformer.ui.training.view";

    private static final String MODEL_DEFAULT = "(model's default)";
    private static final Color[] FOLD_COLOURS = {new Color(0, 90, 181), new Color(220, 50, 32), new Color(0, 140, 70),
        new Color(150, 60, 170), new Color(230, 140, 0), new Color(90, 90, 90)};

    private ServiceTracker<PropertyModel, PropertyModel> models;
    private ServiceTracker<FeaturizerRegistry, FeaturizerRegistry> featurizers;
    private ServiceTracker<TrainingService, TrainingService> trainingService;

    private Combo modelCombo;
    private Combo featurizerCombo;
    private Text datasetText;
    private Spinner foldsSpinner;
    private Spinner epochsSpinner;
    private Spinner batchSpinner;
    private Button startButton;
    private Button cancelButton;
    private Label statusLabel;
    private Chart lossChart;
    private Chart parityChart;
    private Table metricsTable;

    private TrainingJob job;
    private final Map<String, List<double[]>> epochs = new LinkedHashMap<>();
    private final List<double[]> parityTargets = new ArrayList<>();
    private final List<double[]> parityPredictions = new ArrayList<>();
    private final List<String> parityFolds = new ArrayList<>();
    private final List<Metrics> foldMetrics = new ArrayList<>();

    @Override
    public void createPartControl(Composite parent) {
        BundleContext context = FrameworkUtil.getBundle(getClass()).getBundleContext();
        models = open(new ServiceTracker<>(context, PropertyModel.class, null));
        featurizers = open(new ServiceTracker<>(context, FeaturizerRegistry.class, null));
        trainingService = open(new ServiceTracker<>(context, TrainingService.class, null));

        parent.setLayout(new GridLayout(1, false));
        createForm(parent);
        SashForm results = new SashForm(parent, SWT.HORIZONTAL);
        results.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        lossChart = chart(results, "Loss per epoch", "epoch", "training loss (normalised MSE)");
        int validationAxis = lossChart.getAxisSet().createYAxis();
        IAxis secondary = lossChart.getAxisSet().getYAxis(validationAxis);
        secondary.setPosition(IAxis.Position.Secondary);
        secondary.getTitle().setText("validation MAE");
        parityChart = chart(results, "Parity (held-out structures)", "target", "predicted");
        metricsTable = new Table(results, SWT.BORDER | SWT.FULL_SELECTION);
        metricsTable.setHeaderVisible(true);
        metricsTable.setLinesVisible(true);
        for (String title : new String[] {"Fold", "MAE", "RMSE", "R²", "Test", "Best epoch"}) {
            TableColumn column = new TableColumn(metricsTable, SWT.RIGHT);
            column.setText(title);
            column.setWidth(title.equals("Fold") ? 110 : 75);
        }
        results.setWeights(40, 35, 25);
        refreshChoices();
    }

    private static <S> ServiceTracker<S, S> open(ServiceTracker<S, S> tracker) {
        tracker.open();
        return tracker;
    }

    private void createForm(Composite parent) {
        Composite form = new Composite(parent, SWT.NONE);
        form.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        form.setLayout(new GridLayout(8, false));
        new Label(form, SWT.NONE).setText("Model:");
        modelCombo = new Combo(form, SWT.READ_ONLY);
        new Label(form, SWT.NONE).setText("Featurizer:");
        featurizerCombo = new Combo(form, SWT.READ_ONLY);
        new Label(form, SWT.NONE).setText("Dataset:");
        datasetText = new Text(form, SWT.BORDER);
        datasetText.setMessage("folder with id_prop.csv and structure files (CGCNN layout)");
        datasetText.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 1, 1));
        Button browse = new Button(form, SWT.PUSH);
        browse.setText("Browse...");
        browse.addListener(SWT.Selection, e -> {
            DirectoryDialog dialog = new DirectoryDialog(form.getShell());
            dialog.setMessage("Dataset folder (id_prop.csv + structure files)");
            String folder = dialog.open();
            if (folder != null) {
                datasetText.setText(folder);
            }
        });
        startButton = new Button(form, SWT.PUSH);
        startButton.setText("Start training");
        startButton.addListener(SWT.Selection, e -> start());

        new Label(form, SWT.NONE).setText("Folds:");
        foldsSpinner = spinner(form, 1, 1, 20, "1 = one model with 10 % held out for validation; k >= 2 = k-fold cross-validation");
        new Label(form, SWT.NONE).setText("Epochs:");
        epochsSpinner = spinner(form, 100, 1, 10000, "Most epochs per model (early stopping after 30 without improvement)");
        new Label(form, SWT.NONE).setText("Batch size:");
        batchSpinner = spinner(form, 64, 1, 4096, "Structures per batch");
        cancelButton = new Button(form, SWT.PUSH);
        cancelButton.setText("Cancel");
        cancelButton.setEnabled(false);
        cancelButton.addListener(SWT.Selection, e -> {
            if (job != null) {
                job.cancel();
            }
        });
        statusLabel = new Label(form, SWT.NONE);
        statusLabel.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
    }

    private static Spinner spinner(Composite parent, int value, int min, int max, String tip) {
        Spinner spinner = new Spinner(parent, SWT.BORDER);
        spinner.setValues(value, min, max, 0, 1, 10);
        spinner.setToolTipText(tip);
        return spinner;
    }

    private static Chart chart(Composite parent, String title, String x, String y) {
        Chart chart = new Chart(parent, SWT.NONE);
        chart.getTitle().setText(title);
        chart.getAxisSet().getXAxis(0).getTitle().setText(x);
        chart.getAxisSet().getYAxis(0).getTitle().setText(y);
        chart.getLegend().setPosition(SWT.BOTTOM);
        return chart;
    }

    /** Fills the model and featurizer choices from the services installed now. */
    public void refreshChoices() {
        String model = modelCombo.getText();
        modelCombo.setItems(models.getTracked().values().stream().map(PropertyModel::name).sorted().toArray(String[]::new));
        select(modelCombo, model.isEmpty() ? CgformerUi.preference(CgformerUi.PREF_DEFAULT_MODEL, "cgformer") : model);
        List<String> names = new ArrayList<>();
        names.add(MODEL_DEFAULT);
        FeaturizerRegistry registry = featurizers.getService();
        if (registry != null) {
            registry.featurizers().stream().map(Featurizer::name).distinct().forEach(names::add);
        }
        featurizerCombo.setItems(names.toArray(String[]::new));
        select(featurizerCombo, CgformerUi.preference(CgformerUi.PREF_DEFAULT_FEATURIZER, MODEL_DEFAULT));
    }

    private static void select(Combo combo, String item) {
        int index = combo.indexOf(item);
        combo.select(index >= 0 ? index : 0);
    }

    /** Sets the form (for tests and for other views that start a training). */
    public void configure(String model, Path dataset, int folds, int epochCount, int batchSize) {
        refreshChoices();
        select(modelCombo, model);
        datasetText.setText(dataset.toString());
        foldsSpinner.setSelection(folds);
        epochsSpinner.setSelection(epochCount);
        batchSpinner.setSelection(batchSize);
    }

    /** Starts a training with the form's settings; returns the job, or null when the form is incomplete (shown in a dialog). */
    public TrainingJob start() {
        PropertyModel model = models.getTracked().values().stream().filter(m -> m.name().equals(modelCombo.getText()))
                .max(Comparator.comparing(PropertyModel::version)).orElse(null);
        Path dataset = Path.of(datasetText.getText().strip());
        String problem = model == null ? "No property model is installed or chosen."
                : datasetText.getText().isBlank() ? "Choose a dataset folder."
                : !Files.isRegularFile(dataset.resolve("id_prop.csv")) ? dataset + " has no id_prop.csv (CGCNN layout: id_prop.csv with lines id,target and one structure file per id)"
                : null;
        TrainingService service = trainingService.getService();
        if (problem == null && service == null) {
            problem = "No training service is running (bundle org.cgformer.ml).";
        }
        Featurizer featurizer = null;
        if (problem == null) {
            try {
                String name = featurizerCombo.getText().equals(MODEL_DEFAULT) ? model.defaultFeaturizer() : featurizerCombo.getText();
                featurizer = service.featurizer(name);
            } catch (FeaturizationException e) {
                problem = e.getMessage();
            }
        }
        if (problem != null) {
            ErrorDialog.openError(getSite().getShell(), "Training", "Cannot start the training",
                    org.eclipse.core.runtime.Status.error(problem));
            return null;
        }
        clearResults();
        TrainingOptions options = TrainingOptions.defaults().withEpochs(epochsSpinner.getSelection())
                .withBatchSize(batchSpinner.getSelection());
        String cache = CgformerUi.preference(CgformerUi.PREF_CACHE_FOLDER, "").strip();
        job = new TrainingJob(service, new TrainingJob.Request(model, featurizer, dataset, foldsSpinner.getSelection(), options,
                cache.isEmpty() ? null : Path.of(cache)), new UiListener(getSite().getShell().getDisplay()));
        startButton.setEnabled(false);
        cancelButton.setEnabled(true);
        statusLabel.setText("Featurizing " + dataset.getFileName() + "...");
        job.schedule();
        return job;
    }

    private void clearResults() {
        epochs.clear();
        parityTargets.clear();
        parityPredictions.clear();
        parityFolds.clear();
        foldMetrics.clear();
        metricsTable.removeAll();
        for (Chart chart : new Chart[] {lossChart, parityChart}) {
            for (ISeries<?> series : chart.getSeriesSet().getSeries()) {
                chart.getSeriesSet().deleteSeries(series.getId());
            }
            chart.redraw();
        }
    }

    /** Passes the job's events to the UI thread. */
    private final class UiListener implements TrainingJob.Listener {

        private final Display display;

        UiListener(Display display) {
            this.display = display;
        }

        @Override
        public void epoch(String fold, TrainingProgress p) {
            later(() -> addEpoch(fold, p));
        }

        @Override
        public void foldDone(String fold, Metrics metrics, double[] targets, double[] predictions, int bestEpoch) {
            later(() -> addFold(fold, metrics, targets, predictions, bestEpoch));
        }

        @Override
        public void finished(IStatus status) {
            later(() -> done(status));
        }

        private void later(Runnable r) {
            if (!display.isDisposed()) {
                display.asyncExec(() -> {
                    if (!lossChart.isDisposed()) {
                        r.run();
                    }
                });
            }
        }
    }

    private void addEpoch(String fold, TrainingProgress p) {
        List<double[]> points = epochs.computeIfAbsent(fold, f -> new ArrayList<>());
        points.add(new double[] {p.epoch(), p.trainLoss(), p.validationMae()});
        int index = new ArrayList<>(epochs.keySet()).indexOf(fold);
        Color colour = FOLD_COLOURS[index % FOLD_COLOURS.length];
        double[] x = points.stream().mapToDouble(e -> e[0]).toArray();
        line(lossChart, fold + " training loss", x, points.stream().mapToDouble(e -> e[1]).toArray(), colour, LineStyle.SOLID, 0);
        if (points.stream().noneMatch(e -> Double.isNaN(e[2]))) {
            line(lossChart, fold + " validation MAE", x, points.stream().mapToDouble(e -> e[2]).toArray(), colour, LineStyle.DASH,
                    lossChart.getAxisSet().getYAxisIds()[1]);
        }
        lossChart.getAxisSet().adjustRange();
        lossChart.redraw();
        statusLabel.setText(String.format(Locale.ROOT, "%s: epoch %d/%d, loss %.4f, validation MAE %.4g, ETA %.0f s", fold,
                p.epoch(), p.epochs(), p.trainLoss(), p.validationMae(), p.etaSeconds()));
    }

    private static ILineSeries<?> line(Chart chart, String name, double[] x, double[] y, Color colour, LineStyle style, int yAxis) {
        ILineSeries<?> series = (ILineSeries<?>) chart.getSeriesSet().getSeries(name);
        if (series == null) {
            series = (ILineSeries<?>) chart.getSeriesSet().createSeries(ISeries.SeriesType.LINE, name);
            series.setLineColor(colour);
            series.setSymbolColor(colour);
            series.setLineStyle(style);
            series.setSymbolType(ILineSeries.PlotSymbolType.CIRCLE);
            series.setSymbolSize(3);
            series.setYAxisId(yAxis);
        }
        series.setXSeries(x);
        series.setYSeries(y);
        return series;
    }

    private void addFold(String fold, Metrics metrics, double[] targets, double[] predictions, int bestEpoch) {
        foldMetrics.add(metrics);
        parityFolds.add(fold);
        parityTargets.add(targets);
        parityPredictions.add(predictions);
        TableItem item = new TableItem(metricsTable, SWT.NONE);
        item.setText(new String[] {fold, fmt(metrics.mae()), fmt(metrics.rmse()), fmt(metrics.r2()),
            Integer.toString(metrics.count()), Integer.toString(bestEpoch)});
        ILineSeries<?> points = line(parityChart, fold, targets, predictions,
                FOLD_COLOURS[(parityFolds.size() - 1) % FOLD_COLOURS.length], LineStyle.NONE, 0);
        points.setSymbolSize(5);
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < parityTargets.size(); i++) {
            for (double v : parityTargets.get(i)) {
                low = Math.min(low, v);
                high = Math.max(high, v);
            }
            for (double v : parityPredictions.get(i)) {
                low = Math.min(low, v);
                high = Math.max(high, v);
            }
        }
        ILineSeries<?> diagonal = line(parityChart, "y = x", new double[] {low, high}, new double[] {low, high},
                new Color(120, 120, 120), LineStyle.DOT, 0);
        diagonal.setSymbolType(ILineSeries.PlotSymbolType.NONE);
        parityChart.getAxisSet().adjustRange();
        parityChart.redraw();
    }

    private void done(IStatus status) {
        if (foldMetrics.size() > 1) {
            double[] mae = Metrics.meanStd(foldMetrics.stream().mapToDouble(Metrics::mae).toArray());
            double[] rmse = Metrics.meanStd(foldMetrics.stream().mapToDouble(Metrics::rmse).toArray());
            double[] r2 = Metrics.meanStd(foldMetrics.stream().mapToDouble(Metrics::r2).toArray());
            TableItem item = new TableItem(metricsTable, SWT.NONE);
            item.setText(new String[] {"mean ± std", fmt(mae[0]) + " ± " + fmt(mae[1]), fmt(rmse[0]) + " ± " + fmt(rmse[1]),
                fmt(r2[0]) + " ± " + fmt(r2[1]), Integer.toString(foldMetrics.stream().mapToInt(Metrics::count).sum()), ""});
        }
        startButton.setEnabled(true);
        cancelButton.setEnabled(false);
        statusLabel.setText(status.getSeverity() == IStatus.CANCEL ? "Cancelled"
                : status.getSeverity() == IStatus.ERROR ? "Failed: " + status.getMessage()
                : "Done: " + foldMetrics.size() + " model(s)" + (status.isOK() ? "" : "; " + status.getChildren().length
                        + " structure(s) left out (see the job's details)"));
        statusLabel.getParent().layout();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    public Chart lossChart() {
        return lossChart;
    }

    public Chart parityChart() {
        return parityChart;
    }

    public Table metricsTable() {
        return metricsTable;
    }

    public String status() {
        return statusLabel.getText();
    }

    /** Epochs shown so far per fold. */
    public Map<String, Integer> epochsShown() {
        Map<String, Integer> shown = new LinkedHashMap<>();
        epochs.forEach((fold, points) -> shown.put(fold, points.size()));
        return shown;
    }

    @Override
    public void setFocus() {
        startButton.setFocus();
    }

    @Override
    public void dispose() {
        if (job != null) {
            job.cancel();
        }
        for (ServiceTracker<?, ?> t : new ServiceTracker<?, ?>[] {models, featurizers, trainingService}) {
            if (t != null) {
                t.close();
            }
        }
        super.dispose();
    }
}
