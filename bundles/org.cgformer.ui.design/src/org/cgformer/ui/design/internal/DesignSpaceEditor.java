package org.cgformer.ui.design.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.cgformer.design.api.AgglomerativeClustering;
import org.cgformer.design.api.CompositionDescriptors;
import org.cgformer.design.api.DesignException;
import org.cgformer.design.api.DesignWorkflow;
import org.cgformer.design.api.FunnelResult;
import org.cgformer.design.api.StratifiedSampling;
import org.cgformer.design.model.DesignSpace;
import org.cgformer.design.model.Linkage;
import org.cgformer.design.model.resource.DesignSpaceResources;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.emf.common.command.BasicCommandStack;
import org.eclipse.emf.common.util.Diagnostic;
import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IMenuManager;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.dialogs.ErrorDialog;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.CellEditor;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.EditingSupport;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.viewers.TextCellEditor;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swtchart.Chart;
import org.eclipse.swtchart.IAxis;
import org.eclipse.swtchart.IBarSeries;
import org.eclipse.swtchart.ISeries;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.IFileEditorInput;
import org.eclipse.ui.IURIEditorInput;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.actions.ActionFactory;
import org.eclipse.ui.part.EditorPart;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The design-space editor: the EMF model as a tree (design space, substituted site, pool entries with
 * their tags, rules with their parameters) with an editable property table for the selected object and
 * a context menu to add and remove objects; every edit is an undoable command on an EMF command stack. The model is validated after each change
 * (problems as markers and in the editor). Funnel, clustering and sampling run as Jobs, with the
 * funnel's counts and the cluster sizes drawn as bar charts.
 */
public class DesignSpaceEditor extends EditorPart {

    public static final String ID = "org.cgformer.ui.design.editor";
    public static final String MARKER_TYPE = "org.cgformer.ui.design.problem";

    /** Attributes that name an object in the tree, in order of preference. */
    private static final List<String> NAME_FEATURES = List.of("name", "label", "element");

    private final BasicCommandStack commands = new BasicCommandStack();
    private ServiceTracker<DesignWorkflow, DesignWorkflow> workflows;
    private Path file;
    private DesignSpace designSpace;
    private Diagnostic diagnostic;
    private FunnelResult funnelResult;
    private int[] clusterLabels;
    private int[] sample;

    private TreeViewer tree;
    private TableViewer properties;
    private org.eclipse.swt.widgets.List problems;
    private Chart funnelChart;
    private Chart clusterChart;
    private Label resultLabel;
    private Spinner groupsSpinner;
    private Spinner fractionSpinner;
    private Spinner seedSpinner;
    private Button funnelButton;
    private Button clusterButton;
    private Button sampleButton;
    private Action undo;
    private Action redo;

    @Override
    public void init(IEditorSite site, IEditorInput input) throws PartInitException {
        setSite(site);
        setInput(input);
        setPartName(input.getName());
        file = pathOf(input);
        try {
            designSpace = DesignSpaceResources.loadDesignSpace(file);
        } catch (IOException | RuntimeException e) {
            throw new PartInitException(file + ": cannot read the design space: " + e.getMessage(), e);
        }
        workflows = new ServiceTracker<>(FrameworkUtil.getBundle(getClass()).getBundleContext(), DesignWorkflow.class, null);
        workflows.open();
    }

    private static Path pathOf(IEditorInput input) throws PartInitException {
        if (input instanceof IFileEditorInput fileInput && fileInput.getFile().getLocation() != null) {
            return fileInput.getFile().getLocation().toPath();
        }
        if (input instanceof IURIEditorInput uriInput) {
            return Path.of(uriInput.getURI());
        }
        throw new PartInitException("The design-space editor opens files only, not " + input.getName());
    }

    @Override
    public void createPartControl(Composite parent) {
        SashForm vertical = new SashForm(parent, SWT.VERTICAL);
        SashForm top = new SashForm(vertical, SWT.HORIZONTAL);
        createTree(top);
        createProperties(top);
        Composite right = new Composite(top, SWT.NONE);
        right.setLayout(new GridLayout(1, false));
        new Label(right, SWT.NONE).setText("Problems:");
        problems = new org.eclipse.swt.widgets.List(right, SWT.BORDER | SWT.V_SCROLL | SWT.H_SCROLL);
        problems.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        top.setWeights(30, 45, 25);
        Composite bottom = new Composite(vertical, SWT.NONE);
        bottom.setLayout(new GridLayout(1, false));
        createActions(bottom);
        SashForm charts = new SashForm(bottom, SWT.HORIZONTAL);
        charts.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        funnelChart = barChart(charts, "Funnel", "step", "candidates left");
        clusterChart = barChart(charts, "Cluster sizes", "cluster", "candidates");
        vertical.setWeights(55, 45);

        undo = new Action("Undo") {
            @Override
            public void run() {
                commands.undo();
            }
        };
        redo = new Action("Redo") {
            @Override
            public void run() {
                commands.redo();
            }
        };
        getEditorSite().getActionBars().setGlobalActionHandler(ActionFactory.UNDO.getId(), undo);
        getEditorSite().getActionBars().setGlobalActionHandler(ActionFactory.REDO.getId(), redo);
        commands.addCommandStackListener(e -> parent.getDisplay().asyncExec(this::modelChanged));
        tree.setInput(new Object[] {designSpace});
        tree.expandToLevel(2);
        tree.setSelection(new org.eclipse.jface.viewers.StructuredSelection(designSpace));
        validate();
        updateUndoRedo();
    }

    private void createTree(Composite parent) {
        tree = new TreeViewer(parent, SWT.BORDER | SWT.SINGLE);
        tree.setContentProvider(new ITreeContentProvider() {
            @Override
            public Object[] getElements(Object input) {
                return (Object[]) input;
            }

            @Override
            public Object[] getChildren(Object parent) {
                return ((EObject) parent).eContents().toArray();
            }

            @Override
            public Object getParent(Object element) {
                return ((EObject) element).eContainer();
            }

            @Override
            public boolean hasChildren(Object element) {
                return !((EObject) element).eContents().isEmpty();
            }
        });
        tree.setLabelProvider(new LabelProvider() {
            @Override
            public String getText(Object element) {
                return label((EObject) element);
            }
        });
        tree.addSelectionChangedListener(e -> properties.setInput(attributesOf(selected())));
        MenuManager menu = new MenuManager();
        menu.setRemoveAllWhenShown(true);
        menu.addMenuListener(manager -> fillTreeMenu(manager, selected()));
        tree.getControl().setMenu(menu.createContextMenu(tree.getControl()));
    }

    /** New child objects of every kind the selected object can contain, and Remove. */
    private void fillTreeMenu(IMenuManager manager, EObject object) {
        for (EReference reference : object.eClass().getEAllContainments()) {
            for (EClass type : concreteTypes(reference.getEReferenceType())) {
                manager.add(new Action("New " + type.getName() + " (" + reference.getName() + ")") {
                    @Override
                    public void run() {
                        addChild(object, reference.getName(), type.getName());
                    }
                });
            }
        }
        if (object.eContainer() != null) {
            manager.add(new org.eclipse.jface.action.Separator());
            manager.add(new Action("Remove " + label(object)) {
                @Override
                public void run() {
                    remove(object);
                }
            });
        }
    }

    private static List<EClass> concreteTypes(EClass type) {
        List<EClass> types = new ArrayList<>();
        for (var classifier : type.getEPackage().getEClassifiers()) {
            if (classifier instanceof EClass c && !c.isAbstract() && !c.isInterface() && type.isSuperTypeOf(c)) {
                types.add(c);
            }
        }
        return types;
    }

    /** Adds a new {@code typeName} object to containment {@code referenceName} of {@code owner}, undoably; returns it. */
    public EObject addChild(EObject owner, String referenceName, String typeName) {
        EReference reference = (EReference) owner.eClass().getEStructuralFeature(referenceName);
        EClass type = (EClass) reference.getEReferenceType().getEPackage().getEClassifier(typeName);
        EObject child = EcoreUtil.create(type);
        commands.execute(new ChildCommands.Add(owner, reference, child));
        tree.refresh();
        tree.setSelection(new org.eclipse.jface.viewers.StructuredSelection(child), true);
        return child;
    }

    /** Removes {@code object} from the model, undoably. */
    public void remove(EObject object) {
        commands.execute(new ChildCommands.Remove(object));
    }

    /** {@code Dopant Nb (5+) [expensive]}, {@code IonicRadiusMismatchRule size disorder}. */
    public static String label(EObject object) {
        StringBuilder text = new StringBuilder(object.eClass().getName());
        for (String name : NAME_FEATURES) {
            EStructuralFeature feature = object.eClass().getEStructuralFeature(name);
            if (feature != null && object.eGet(feature) != null) {
                text.append(' ').append(object.eGet(feature));
                break;
            }
        }
        EStructuralFeature charge = object.eClass().getEStructuralFeature("oxidationState");
        if (charge != null && object.eIsSet(charge)) {
            text.append(" (").append(object.eGet(charge)).append("+)");
        }
        EStructuralFeature tags = object.eClass().getEStructuralFeature("tags");
        if (tags != null && !((Collection<?>) object.eGet(tags)).isEmpty()) {
            text.append(' ').append(object.eGet(tags));
        }
        EStructuralFeature enabled = object.eClass().getEStructuralFeature("enabled");
        if (enabled != null && Boolean.FALSE.equals(object.eGet(enabled))) {
            text.append(" (off)");
        }
        return text.toString();
    }

    private void createProperties(Composite parent) {
        properties = new TableViewer(parent, SWT.BORDER | SWT.FULL_SELECTION);
        properties.getTable().setHeaderVisible(true);
        properties.getTable().setLinesVisible(true);
        properties.setContentProvider(ArrayContentProvider.getInstance());
        TableViewerColumn name = new TableViewerColumn(properties, SWT.LEFT);
        name.getColumn().setText("Property");
        name.getColumn().setWidth(190);
        name.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return ((EAttribute) element).getName();
            }
        });
        TableViewerColumn value = new TableViewerColumn(properties, SWT.LEFT);
        value.getColumn().setText("Value (edit to change; Edit > Undo reverts)");
        value.getColumn().setWidth(380);
        value.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return valueText(selected(), (EAttribute) element);
            }
        });
        value.setEditingSupport(new EditingSupport(properties) {
            @Override
            protected CellEditor getCellEditor(Object element) {
                return new TextCellEditor(properties.getTable());
            }

            @Override
            protected boolean canEdit(Object element) {
                return ((EAttribute) element).isChangeable();
            }

            @Override
            protected Object getValue(Object element) {
                return valueText(selected(), (EAttribute) element);
            }

            @Override
            protected void setValue(Object element, Object text) {
                setAttribute(selected(), ((EAttribute) element).getName(), (String) text);
            }
        });
    }

    private EObject selected() {
        Object first = ((IStructuredSelection) tree.getSelection()).getFirstElement();
        return first instanceof EObject object ? object : designSpace;
    }

    private static Object[] attributesOf(EObject object) {
        return object == null ? new Object[0] : object.eClass().getEAllAttributes().toArray();
    }

    private static String valueText(EObject object, EAttribute attribute) {
        Object value = object.eGet(attribute);
        if (attribute.isMany()) {
            return ((Collection<?>) value).stream().map(v -> EcoreUtil.convertToString(attribute.getEAttributeType(), v))
                    .collect(Collectors.joining(", "));
        }
        return value == null ? "" : EcoreUtil.convertToString(attribute.getEAttributeType(), value);
    }

    /**
     * Sets attribute {@code name} of {@code object} from its text form (comma-separated for lists) as one
     * undoable command; a value that does not convert is refused with a dialog. Returns whether it was set.
     */
    public boolean setAttribute(EObject object, String name, String text) {
        EAttribute attribute = (EAttribute) object.eClass().getEStructuralFeature(name);
        if (attribute == null || text.equals(valueText(object, attribute))) {
            return false;
        }
        Object value;
        try {
            if (attribute.isMany()) {
                List<Object> values = new ArrayList<>();
                for (String part : text.split(",")) {
                    if (!part.isBlank()) {
                        values.add(EcoreUtil.createFromString(attribute.getEAttributeType(), part.strip()));
                    }
                }
                value = values;
            } else {
                value = EcoreUtil.createFromString(attribute.getEAttributeType(), text.strip());
            }
        } catch (RuntimeException e) {
            ErrorDialog.openError(getSite().getShell(), "Design space", "Cannot set " + name,
                    Status.error("'" + text + "' is not a valid " + attribute.getEAttributeType().getName() + " for "
                            + name + " of " + label(object) + ": " + e.getMessage()));
            return false;
        }
        commands.execute(new SetAttributeCommand(object, attribute, value));
        return true;
    }

    private void modelChanged() {
        if (tree.getControl().isDisposed()) {
            return;
        }
        tree.refresh();
        properties.refresh();
        validate();
        updateUndoRedo();
        firePropertyChange(PROP_DIRTY);
    }

    private void updateUndoRedo() {
        undo.setEnabled(commands.canUndo());
        redo.setEnabled(commands.canRedo());
        undo.setText(commands.canUndo() ? "Undo " + commands.getUndoCommand().getLabel() : "Undo");
        redo.setText(commands.canRedo() ? "Redo " + commands.getRedoCommand().getLabel() : "Redo");
    }

    /** Validates the model; problems go to the list in the editor and, for workspace files, to markers. */
    public Diagnostic validate() {
        diagnostic = DesignSpaceResources.validate(designSpace);
        problems.removeAll();
        for (Diagnostic child : diagnostic.getChildren()) {
            problems.add((child.getSeverity() >= Diagnostic.ERROR ? "error: " : "warning: ") + child.getMessage());
        }
        if (diagnostic.getChildren().isEmpty()) {
            problems.add("no problems");
        }
        updateMarkers();
        boolean valid = diagnostic.getSeverity() < Diagnostic.ERROR;
        if (funnelButton != null) {
            funnelButton.setEnabled(valid);
            funnelButton.setToolTipText(valid ? "Enumerate all combinations and apply the rules" : "Fix the errors first");
        }
        return diagnostic;
    }

    private void updateMarkers() {
        if (!(getEditorInput() instanceof IFileEditorInput input) || !input.getFile().exists()) {
            return;
        }
        IFile resource = input.getFile();
        try {
            resource.deleteMarkers(MARKER_TYPE, false, IResource.DEPTH_ZERO);
            for (Diagnostic child : diagnostic.getChildren()) {
                IMarker marker = resource.createMarker(MARKER_TYPE);
                marker.setAttribute(IMarker.MESSAGE, child.getMessage());
                marker.setAttribute(IMarker.SEVERITY,
                        child.getSeverity() >= Diagnostic.ERROR ? IMarker.SEVERITY_ERROR : IMarker.SEVERITY_WARNING);
                marker.setAttribute(IMarker.LOCATION, child.getData().isEmpty() || !(child.getData().get(0) instanceof EObject o)
                        ? resource.getName() : label(o));
            }
        } catch (CoreException e) {
            ILog.of(getClass()).error("Cannot update the problem markers of " + resource.getFullPath(), e);
        }
    }

    private void createActions(Composite parent) {
        Composite bar = new Composite(parent, SWT.NONE);
        bar.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        bar.setLayout(new GridLayout(10, false));
        funnelButton = button(bar, "Run funnel", this::runFunnel);
        new Label(bar, SWT.NONE).setText("Groups:");
        groupsSpinner = new Spinner(bar, SWT.BORDER);
        groupsSpinner.setValues(20, 1, 1000, 0, 1, 5);
        clusterButton = button(bar, "Cluster (Ward)", this::runClustering);
        clusterButton.setEnabled(false);
        new Label(bar, SWT.NONE).setText("Fraction %:");
        fractionSpinner = new Spinner(bar, SWT.BORDER);
        fractionSpinner.setValues(30, 1, 100, 0, 1, 10);
        new Label(bar, SWT.NONE).setText("Seed:");
        seedSpinner = new Spinner(bar, SWT.BORDER);
        seedSpinner.setValues(1, 0, Integer.MAX_VALUE, 0, 1, 10);
        sampleButton = button(bar, "Sample", this::runSampling);
        sampleButton.setEnabled(false);
        resultLabel = new Label(bar, SWT.NONE);
        resultLabel.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
    }

    private static Button button(Composite parent, String text, Runnable action) {
        Button button = new Button(parent, SWT.PUSH);
        button.setText(text);
        button.addListener(SWT.Selection, e -> action.run());
        return button;
    }

    private static Chart barChart(Composite parent, String title, String x, String y) {
        Chart chart = new Chart(parent, SWT.NONE);
        chart.getTitle().setText(title);
        chart.getAxisSet().getXAxis(0).getTitle().setText(x);
        chart.getAxisSet().getYAxis(0).getTitle().setText(y);
        chart.getLegend().setVisible(false);
        return chart;
    }

    /** Runs the funnel on a snapshot of the model as a Job; returns the job, or null when the model has errors. */
    public Job runFunnel() {
        if (validate().getSeverity() >= Diagnostic.ERROR) {
            ErrorDialog.openError(getSite().getShell(), "Funnel", "The design space has errors; fix them first",
                    Status.error(Arrays.toString(problems.getItems())));
            return null;
        }
        DesignWorkflow workflow = workflows.getService();
        if (workflow == null) {
            ErrorDialog.openError(getSite().getShell(), "Funnel", "Cannot run the funnel",
                    Status.error("no DesignWorkflow service is running (bundle org.cgformer.design)"));
            return null;
        }
        DesignSpace snapshot = snapshot();
        funnelButton.setEnabled(false);
        resultLabel.setText("Running the funnel...");
        Job job = Job.create("Funnel of " + getPartName(), (IProgressMonitor monitor) -> {
            try {
                FunnelResult result = workflow.funnel(snapshot, new MonitorAdapter(monitor));
                later(() -> showFunnel(result));
                return Status.OK_STATUS;
            } catch (DesignException e) {
                later(() -> resultLabel.setText("Funnel failed: " + e.getMessage()));
                return monitor.isCanceled() ? Status.CANCEL_STATUS : Status.error("Funnel of " + file + ": " + e.getMessage(), e);
            } finally {
                later(() -> funnelButton.setEnabled(true));
            }
        });
        job.setUser(true);
        job.schedule();
        return job;
    }

    /** A copy in a resource with the file's URI, so relative paths (host CIF) resolve as in the original. */
    private DesignSpace snapshot() {
        DesignSpace copy = EcoreUtil.copy(designSpace);
        Resource resource = DesignSpaceResources.newResourceSet().createResource(designSpace.eResource().getURI());
        resource.getContents().add(copy);
        return copy;
    }

    private void later(Runnable r) {
        if (!tree.getControl().isDisposed()) {
            tree.getControl().getDisplay().asyncExec(() -> {
                if (!tree.getControl().isDisposed()) {
                    r.run();
                }
            });
        }
    }

    private void showFunnel(FunnelResult result) {
        funnelResult = result;
        clusterLabels = null;
        sample = null;
        List<String> names = new ArrayList<>();
        List<Double> counts = new ArrayList<>();
        names.add("all");
        counts.add((double) result.combinations());
        for (FunnelResult.Step step : result.steps()) {
            names.add(step.rule());
            counts.add((double) step.remaining());
        }
        bars(funnelChart, names.toArray(String[]::new), counts.stream().mapToDouble(Double::doubleValue).toArray(), true);
        bars(clusterChart, new String[0], new double[0], false);
        resultLabel.setText(String.format(Locale.ROOT, "%,d combinations -> %,d candidates", result.combinations(),
                result.remaining()));
        clusterButton.setEnabled(result.remaining() >= 2);
        sampleButton.setEnabled(false);
    }

    private static void bars(Chart chart, String[] categories, double[] values, boolean logScale) {
        for (ISeries<?> s : chart.getSeriesSet().getSeries()) {
            chart.getSeriesSet().deleteSeries(s.getId());
        }
        IAxis x = chart.getAxisSet().getXAxis(0);
        x.enableCategory(true);
        // rule names are long: slant them so neighbours do not overlap
        x.getTick().setTickLabelAngle(categories.length > 0 && categories[0].length() > 3 ? 20 : 0);
        x.setCategorySeries(categories);
        if (values.length > 0) {
            IBarSeries<?> bars = (IBarSeries<?>) chart.getSeriesSet().createSeries(ISeries.SeriesType.BAR, "counts");
            bars.setYSeries(values);
            bars.setBarColor(new Color(0, 90, 181));
            bars.getLabel().setVisible(true);
            chart.getAxisSet().getYAxis(0).enableLogScale(logScale && Arrays.stream(values).allMatch(v -> v > 0));
        }
        chart.getAxisSet().adjustRange();
        chart.redraw();
    }

    /** Clusters the funnel's survivors (Ward, standardised descriptors) into the chosen number of groups, as a Job. */
    public Job runClustering() {
        FunnelResult result = funnelResult;
        int groups = Math.min(groupsSpinner.getSelection(), result.survivors().size());
        Job job = Job.create("Clustering " + result.survivors().size() + " candidates", (IProgressMonitor monitor) -> {
            double[][] descriptors = result.survivors().stream().map(FunnelResult.Survivor::descriptors).toArray(double[][]::new);
            int[] labels = AgglomerativeClustering.cluster(CompositionDescriptors.standardize(descriptors), Linkage.WARD).cut(groups);
            later(() -> showClusters(labels, groups));
            return Status.OK_STATUS;
        });
        job.setUser(true);
        job.schedule();
        return job;
    }

    private void showClusters(int[] labels, int groups) {
        clusterLabels = labels;
        sample = null;
        double[] sizes = new double[groups];
        for (int label : labels) {
            sizes[label]++;
        }
        String[] names = new String[groups];
        for (int i = 0; i < groups; i++) {
            names[i] = Integer.toString(i + 1);
        }
        bars(clusterChart, names, sizes, false);
        resultLabel.setText(String.format(Locale.ROOT, "%,d candidates in %d clusters (Ward)", labels.length, groups));
        sampleButton.setEnabled(true);
    }

    /** Draws the stratified sample (fraction and seed of the form) from the clusters. */
    public int[] runSampling() {
        sample = StratifiedSampling.sample(clusterLabels, fractionSpinner.getSelection() / 100.0, seedSpinner.getSelection());
        resultLabel.setText(String.format(Locale.ROOT, "sampled %d of %d candidates (%d %% per cluster, seed %d)", sample.length,
                clusterLabels.length, fractionSpinner.getSelection(), seedSpinner.getSelection()));
        return sample;
    }

    @Override
    public void doSave(IProgressMonitor monitor) {
        try {
            DesignSpaceResources.save(designSpace, file);
            commands.saveIsDone();
            firePropertyChange(PROP_DIRTY);
            if (getEditorInput() instanceof IFileEditorInput input) {
                input.getFile().refreshLocal(IResource.DEPTH_ZERO, monitor);
            }
        } catch (IOException | CoreException e) {
            ErrorDialog.openError(getSite().getShell(), "Save", "Cannot save " + file,
                    Status.error(e.getMessage(), e));
        }
    }

    @Override
    public void doSaveAs() {
        // one design space per file: results refer to it by digest
    }

    @Override
    public boolean isDirty() {
        return commands.isSaveNeeded();
    }

    @Override
    public boolean isSaveAsAllowed() {
        return false;
    }

    @Override
    public void setFocus() {
        tree.getControl().setFocus();
    }

    @Override
    public void dispose() {
        if (workflows != null) {
            workflows.close();
        }
        super.dispose();
    }

    public DesignSpace designSpace() {
        return designSpace;
    }

    public BasicCommandStack commandStack() {
        return commands;
    }

    public FunnelResult funnelResult() {
        return funnelResult;
    }

    /** Cluster sizes drawn, or null before clustering. */
    public double[] clusterSizes() {
        ISeries<?> series = clusterChart.getSeriesSet().getSeries("counts");
        return series == null ? null : series.getYSeries();
    }

    public double[] funnelCounts() {
        ISeries<?> series = funnelChart.getSeriesSet().getSeries("counts");
        return series == null ? null : series.getYSeries();
    }

    public String[] problems() {
        return problems.getItems();
    }

    public String resultText() {
        return resultLabel.getText();
    }

    public IStatus status() {
        return diagnostic.getSeverity() >= Diagnostic.ERROR ? Status.error(diagnostic.getMessage()) : Status.OK_STATUS;
    }
}
