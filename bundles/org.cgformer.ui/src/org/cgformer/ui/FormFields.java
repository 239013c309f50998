package org.cgformer.ui;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

/**
 * The form the workbench's wizard pages share: three columns per row, a label, a field that takes the spare width and
 * a third cell for a "Browse..." button or an empty {@link Label}.
 *
 * @since 1.3
 */
public final class FormFields {

    private FormFields() {
    }

    /** A new three-column form on {@code parent}. */
    public static Composite form(Composite parent) {
        Composite form = new Composite(parent, SWT.NONE);
        form.setLayout(new GridLayout(3, false));
        return form;
    }

    /** A label and a text field that fills its column, showing {@code value}; the caller fills the third cell. */
    public static Text field(Composite form, String label, String value) {
        new Label(form, SWT.NONE).setText(label);
        Text text = new Text(form, SWT.BORDER);
        text.setText(value);
        text.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        return text;
    }
}
