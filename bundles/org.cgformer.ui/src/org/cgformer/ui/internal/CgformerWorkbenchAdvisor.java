package org.cgformer.ui.internal;

import org.cgformer.ui.CgformerUi;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IAdaptable;
import org.eclipse.core.runtime.ILog;
import org.eclipse.ui.application.IWorkbenchConfigurer;
import org.eclipse.ui.application.IWorkbenchWindowConfigurer;
import org.eclipse.ui.application.WorkbenchAdvisor;
import org.eclipse.ui.application.WorkbenchWindowAdvisor;
import org.eclipse.ui.ide.IDE;

/** Workbench set-up: the IDE's resource adapters, the workspace as page input, CGformer perspective. */
public class CgformerWorkbenchAdvisor extends WorkbenchAdvisor {

    @Override
    public void initialize(IWorkbenchConfigurer configurer) {
        super.initialize(configurer);
        configurer.setSaveAndRestore(true);
        // lets the Project Explorer, Properties and editors show workspace resources
        IDE.registerAdapters();
    }

    @Override
    public String getInitialWindowPerspectiveId() {
        return CgformerUi.PERSPECTIVE_ID;
    }

    @Override
    public IAdaptable getDefaultPageInput() {
        return ResourcesPlugin.getWorkspace().getRoot();
    }

    @Override
    public WorkbenchWindowAdvisor createWorkbenchWindowAdvisor(IWorkbenchWindowConfigurer configurer) {
        return new CgformerWindowAdvisor(configurer);
    }

    @Override
    public boolean preShutdown() {
        try {
            // otherwise the next start has to rebuild the workspace tree and warns about it
            ResourcesPlugin.getWorkspace().save(true, null);
        } catch (CoreException e) {
            ILog.of(getClass()).error("Could not save the workspace", e);
        }
        return true;
    }
}
