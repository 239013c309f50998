package org.cgformer.ui.bvse.internal;

import java.util.Locale;

import org.cgformer.bvse.api.BvseResult;
import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;

/**
 * The barriers of a finished {@link BarrierJob}. Modeless, so that several results can be compared side by side and the
 * workbench stays usable.
 */
public final class BarrierDialog extends Dialog {

    public static final String TITLE = "BVSE Barrier";

    private final BarrierJob job;

    public BarrierDialog(Shell parent, BarrierJob job) {
        super(parent);
        this.job = job;
        setShellStyle(SWT.DIALOG_TRIM | SWT.MODELESS | SWT.RESIZE);
        setBlockOnOpen(false);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(TITLE + ": " + job.file().getFileName());
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        Composite grid = new Composite(area, SWT.NONE);
        grid.setLayout(new GridLayout(2, false));
        grid.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        BvseResult result = job.result();
        row(grid, "File", job.file().toString());
        row(grid, "Mobile ion", result.mobileIon());
        row(grid, "Resolution", String.format(Locale.ROOT, "%.3g Å (Window > Preferences > CGformer)", result.resolutionAngstrom()));
        row(grid, "Ea1D", barrier(result.ea1D()));
        row(grid, "Ea2D", barrier(result.ea2D()));
        row(grid, "Ea3D", barrier(result.ea3D()));
        row(grid, "Parameters", job.parameterTable());
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, IDialogConstants.CLOSE_LABEL, true);
    }

    /** A barrier as shown, e.g. {@code 0.4521 eV}; {@code none} when the ion does not percolate in that dimension. */
    public static String barrier(Double ev) {
        return ev == null ? "none (no path below the ceiling)" : String.format(Locale.ROOT, "%.4f eV", ev);
    }

    /** The text of the row labelled {@code name}, for tests. */
    public String value(String name) {
        Control[] children = ((Composite) ((Composite) getDialogArea()).getChildren()[0]).getChildren();
        for (int i = 0; i + 1 < children.length; i += 2) {
            if (((Label) children[i]).getText().equals(name)) {
                return ((Label) children[i + 1]).getText();
            }
        }
        return null;
    }

    private static void row(Composite grid, String name, String value) {
        new Label(grid, SWT.NONE).setText(name);
        Label text = new Label(grid, SWT.NONE);
        text.setText(value == null ? "" : value);
        text.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
    }

    public BarrierJob job() {
        return job;
    }
}
