package org.cgformer.ui.training.internal;

import java.io.IOException;
import java.nio.file.Path;

import org.cgformer.structure.api.StructureReader;
import org.cgformer.ui.FormFields;
import org.eclipse.core.resources.IContainer;
import org.eclipse.core.resources.IFolder;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IPath;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.wizard.Wizard;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.INewWizard;
import org.eclipse.ui.IWorkbench;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * File &gt; New &gt; Dataset: a workspace folder in CGCNN's layout (structure files + {@code id_prop.csv}) from a
 * folder of structure files and a CSV of their targets, ready for the Training view.
 */
public class NewDatasetWizard extends Wizard implements INewWizard {

    private Page page;
    private IContainer initialContainer;
    private DatasetAssembler.Result result;
    private IFolder created;

    @Override
    public void init(IWorkbench workbench, IStructuredSelection selection) {
        setWindowTitle("New Dataset");
        Object first = selection == null ? null : selection.getFirstElement();
        if (first instanceof IContainer container) {
            initialContainer = container;
        } else if (first instanceof IResource resource) {
            initialContainer = resource.getParent();
        }
    }

    @Override
    public void addPages() {
        page = new Page();
        addPage(page);
    }

    @Override
    public boolean performFinish() {
        IPath path = IPath.fromOSString(page.container.getText().strip()).append(page.name.getText().strip());
        IFolder folder = ResourcesPlugin.getWorkspace().getRoot().getFolder(path);
        if (folder.getLocation() == null || !folder.getProject().isOpen()) {
            page.setErrorMessage(path + " is not in an open project");
            return false;
        }
        ServiceTracker<StructureReader, StructureReader> readers = new ServiceTracker<>(
                FrameworkUtil.getBundle(getClass()).getBundleContext(), StructureReader.class, null);
        readers.open();
        try {
            result = DatasetAssembler.assemble(Path.of(page.structures.getText().strip()), Path.of(page.targets.getText().strip()),
                    folder.getLocation().toPath(), readers.getTracked().values());
            folder.getParent().refreshLocal(IResource.DEPTH_INFINITE, null);
            created = folder;
        } catch (IOException | CoreException | RuntimeException e) {
            page.setErrorMessage(e.getMessage());
            return false;
        } finally {
            readers.close();
        }
        if (!result.withoutTarget().isEmpty() || !result.problems().isEmpty()) {
            MessageDialog.openWarning(getShell(), "New Dataset", result.written().size() + " structures written to " + path
                    + (result.withoutTarget().isEmpty() ? "" : "\nwithout a target (left out): " + result.withoutTarget())
                    + (result.problems().isEmpty() ? "" : "\n" + String.join("\n", result.problems())));
        }
        return true;
    }

    /** What the last finish wrote, or null. */
    public DatasetAssembler.Result result() {
        return result;
    }

    public IFolder created() {
        return created;
    }

    /** Sets the fields (tests; the page's Browse buttons do the same). */
    public void setFields(String container, String name, String structures, String targets) {
        page.container.setText(container);
        page.name.setText(name);
        page.structures.setText(structures);
        page.targets.setText(targets);
    }

    /** Target folder, structure files and targets CSV. */
    private final class Page extends WizardPage {

        private Text container;
        private Text name;
        private Text structures;
        private Text targets;

        Page() {
            super("dataset");
            setTitle("Dataset (CGCNN layout)");
            setDescription("Structure files and their targets, copied into a workspace folder with id_prop.csv");
        }

        @Override
        public void createControl(Composite parent) {
            Composite form = FormFields.form(parent);
            String folder = initialContainer == null ? "" : initialContainer.getFullPath().toString();
            container = FormFields.field(form, "Workspace folder:", folder);
            new Label(form, SWT.NONE);
            name = FormFields.field(form, "Dataset folder name:", "dataset");
            new Label(form, SWT.NONE);
            structures = FormFields.field(form, "Structure files (folder):", "");
            browse(form, () -> new DirectoryDialog(getShell()).open(), structures);
            targets = FormFields.field(form, "Targets (CSV name,target):", "");
            browse(form, () -> new FileDialog(getShell(), SWT.OPEN).open(), targets);
            setControl(form);
        }

        private static void browse(Composite form, java.util.function.Supplier<String> dialog, Text into) {
            Button button = new Button(form, SWT.PUSH);
            button.setText("Browse...");
            button.addListener(SWT.Selection, e -> {
                String chosen = dialog.get();
                if (chosen != null) {
                    into.setText(chosen);
                }
            });
        }
    }
}
