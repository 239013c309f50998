package org.cgformer.ui.design.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.cgformer.design.model.DesignSpace;
import org.cgformer.design.model.DesignSpaceFactory;
import org.cgformer.design.model.SubstitutedSite;
import org.cgformer.design.model.resource.DesignSpaceResources;
import org.cgformer.ui.FormFields;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.wizard.Wizard;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.INewWizard;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.dialogs.WizardNewFileCreationPage;
import org.eclipse.ui.ide.IDE;

/**
 * File &gt; New &gt; Design Space: a {@code .designspace} file with the host structure, the substituted site
 * and the number of dopants; the pool and the rules are then added in the design-space editor.
 */
public class NewDesignSpaceWizard extends Wizard implements INewWizard {

    private WizardNewFileCreationPage filePage;
    private HostPage hostPage;
    private IStructuredSelection selection;
    private IWorkbench workbench;
    private IFile created;

    @Override
    public void init(IWorkbench newWorkbench, IStructuredSelection newSelection) {
        this.workbench = newWorkbench;
        this.selection = newSelection;
        setWindowTitle("New Design Space");
        setNeedsProgressMonitor(false);
    }

    @Override
    public void addPages() {
        filePage = new WizardNewFileCreationPage("file", selection);
        filePage.setTitle("Design space file");
        filePage.setDescription("Where the new design space is saved");
        filePage.setFileExtension(DesignSpaceResources.DESIGN_SPACE_EXTENSION);
        filePage.setFileName("new.designspace");
        addPage(filePage);
        hostPage = new HostPage();
        addPage(hostPage);
    }

    @Override
    public boolean performFinish() {
        IFile file = ResourcesPlugin.getWorkspace().getRoot().getFile(filePage.getContainerFullPath().append(filePage.getFileName()));
        if (file.getLocation() == null) {
            hostPage.setErrorMessage(file.getFullPath() + " is not in an open project on the local disk");
            return false;
        }
        Path location = file.getLocation().toPath();
        try {
            Files.createDirectories(location.getParent());
            DesignSpaceResources.save(hostPage.designSpace(location), location);
            file.getParent().refreshLocal(IResource.DEPTH_ONE, null);
            created = file;
            if (workbench != null && workbench.getActiveWorkbenchWindow() != null) {
                IDE.openEditor(workbench.getActiveWorkbenchWindow().getActivePage(), file, DesignSpaceEditor.ID);
            }
            return true;
        } catch (IOException | CoreException | RuntimeException e) {
            hostPage.setErrorMessage("Cannot create " + location + ": " + e.getMessage());
            return false;
        }
    }

    /** The file made by the last finish, or null. */
    public IFile created() {
        return created;
    }

    /** Sets the host structure field (tests; the page's Browse button does the same). */
    public void setHost(String path) {
        hostPage.setHost(path);
    }

    /** Sets the new file's name (tests; the first page's field does the same). */
    public void setFileName(String name) {
        filePage.setFileName(name);
    }

    /** Host structure, substituted site, mobile ion and number of dopants. */
    final class HostPage extends WizardPage {

        private Text host;
        private Text hostFormula;
        private Text siteLabel;
        private Text hostElement;
        private Spinner hostCharge;
        private Text sitesPerFormulaUnit;
        private Text mobileIon;
        private Text mobileIonContent;
        private Spinner dopants;

        HostPage() {
            super("host");
            setTitle("Host and substituted site");
            setDescription("The host structure (CIF) and the site the dopants share with the host element");
        }

        @Override
        public void createControl(Composite parent) {
            Composite form = FormFields.form(parent);
            host = FormFields.field(form, "Host structure (CIF):", "");
            Button browse = new Button(form, SWT.PUSH);
            browse.setText("Browse...");
            browse.addListener(SWT.Selection, e -> {
                FileDialog dialog = new FileDialog(getShell(), SWT.OPEN);
                dialog.setFilterExtensions(new String[] {"*.cif", "*"});
                String chosen = dialog.open();
                if (chosen != null) {
                    host.setText(chosen);
                }
            });
            hostFormula = FormFields.field(form, "Host formula:", "Na3Zr2Si2PO12");
            new Label(form, SWT.NONE);
            siteLabel = FormFields.field(form, "Substituted site (label in the CIF):", "Zr1");
            new Label(form, SWT.NONE);
            hostElement = FormFields.field(form, "Host element on the site:", "Zr");
            new Label(form, SWT.NONE);
            new Label(form, SWT.NONE).setText("Host oxidation state:");
            hostCharge = new Spinner(form, SWT.BORDER);
            hostCharge.setValues(4, -4, 8, 0, 1, 1);
            new Label(form, SWT.NONE);
            sitesPerFormulaUnit = FormFields.field(form, "Sites per formula unit:", "2");
            new Label(form, SWT.NONE);
            mobileIon = FormFields.field(form, "Mobile ion:", "Na");
            new Label(form, SWT.NONE);
            mobileIonContent = FormFields.field(form, "Mobile ions per formula unit in the host:", "3");
            new Label(form, SWT.NONE);
            new Label(form, SWT.NONE).setText("Dopants per candidate:");
            dopants = new Spinner(form, SWT.BORDER);
            dopants.setValues(4, 1, 10, 0, 1, 1);
            setControl(form);
        }

        /** The new design space; the host path is written relative to the new file when it can be. */
        DesignSpace designSpace(Path location) {
            DesignSpace space = DesignSpaceFactory.eINSTANCE.createDesignSpace();
            space.setName(location.getFileName().toString().replaceFirst("\\.designspace$", ""));
            String hostPath = host.getText().strip();
            if (!hostPath.isEmpty() && Path.of(hostPath).isAbsolute()) {
                try {
                    hostPath = location.getParent().relativize(Path.of(hostPath)).toString();
                } catch (IllegalArgumentException e) {
                    // another root: keep the absolute path
                }
            }
            space.setHostStructure(hostPath);
            space.setHostFormula(hostFormula.getText().strip());
            space.setMobileIon(mobileIon.getText().strip());
            space.setMobileIonContent(Double.parseDouble(mobileIonContent.getText().strip()));
            space.setDopantCount(dopants.getSelection());
            SubstitutedSite site = DesignSpaceFactory.eINSTANCE.createSubstitutedSite();
            site.setLabel(siteLabel.getText().strip());
            site.setHostElement(hostElement.getText().strip());
            site.setHostOxidationState(hostCharge.getSelection());
            site.setSitesPerFormulaUnit(Double.parseDouble(sitesPerFormulaUnit.getText().strip()));
            space.setSite(site);
            return space;
        }

        void setHost(String path) {
            host.setText(path);
        }
    }

    HostPage hostPage() {
        return hostPage;
    }
}
