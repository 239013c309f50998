package org.cgformer.ui.training.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.cgformer.ml.api.PropertyModel;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.part.ViewPart;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The property models installed now ({@link PropertyModel} services of any bundle): name, version,
 * default featurizer, the bundle that registers it and what it is. Follows bundles that a lab installs
 * or removes while the workbench runs.
 */
public class ModelsView extends ViewPart {

    public static final String ID = "org.cgformer.ui.training.models";

    /** One row: a model and the bundle that registered it. */
    public record Row(String name, String version, String featurizer, String bundle, String description) {
    }

    private TableViewer viewer;
    private ServiceTracker<PropertyModel, PropertyModel> tracker;

    @Override
    public void createPartControl(Composite parent) {
        viewer = new TableViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        column("Model", 90, Row::name);
        column("Version", 60, Row::version);
        column("Featurizer", 80, Row::featurizer);
        column("Bundle", 220, Row::bundle);
        column("Description", 400, Row::description);
        BundleContext context = FrameworkUtil.getBundle(getClass()).getBundleContext();
        tracker = new ServiceTracker<>(context, PropertyModel.class, null) {
            @Override
            public PropertyModel addingService(ServiceReference<PropertyModel> reference) {
                PropertyModel model = super.addingService(reference);
                refreshLater();
                return model;
            }

            @Override
            public void removedService(ServiceReference<PropertyModel> reference, PropertyModel service) {
                super.removedService(reference, service);
                refreshLater();
            }
        };
        tracker.open();
        refresh();
    }

    private void column(String title, int width, java.util.function.Function<Row, String> text) {
        TableViewerColumn column = new TableViewerColumn(viewer, SWT.LEFT);
        column.getColumn().setText(title);
        column.getColumn().setWidth(width);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply((Row) element);
            }
        });
    }

    /** Service events arrive on the thread that (un)installs the bundle: hop to the UI thread. */
    private void refreshLater() {
        if (viewer != null && !viewer.getControl().isDisposed()) {
            viewer.getControl().getDisplay().asyncExec(this::refresh);
        }
    }

    private void refresh() {
        if (viewer == null || viewer.getControl().isDisposed()) {
            return;
        }
        viewer.setInput(rows());
    }

    /** The models installed now, by name. */
    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        ServiceReference<PropertyModel>[] references = tracker.getServiceReferences();
        if (references != null) {
            for (ServiceReference<PropertyModel> reference : references) {
                PropertyModel model = tracker.getService(reference);
                if (model != null) {
                    Bundle bundle = reference.getBundle();
                    String from = bundle == null ? "(uninstalled)" : bundle.getSymbolicName() + " " + bundle.getVersion();
                    rows.add(new Row(model.name(), model.version(), model.defaultFeaturizer(), from, model.description()));
                }
            }
        }
        rows.sort(Comparator.comparing(Row::name).thenComparing(Row::version));
        return rows;
    }

    /** Rows the table shows now (for tests). */
    public int shownRows() {
        return viewer.getTable().getItemCount();
    }

    @Override
    public void setFocus() {
        viewer.getControl().setFocus();
    }

    @Override
    public void dispose() {
        if (tracker != null) {
            tracker.close();
        }
        super.dispose();
    }
}
