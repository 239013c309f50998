package org.cgformer.ui.bvse.internal;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.handlers.HandlerUtil;

/**
 * "Compute BVSE Barrier" on a crystal file (Project Explorer, or the crystal editor's context menu): runs a
 * {@link BarrierJob} at the preference's resolution and shows the barriers in a {@link BarrierDialog} when it is done.
 * Returns the scheduled job.
 */
public class ComputeBarrierHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        IFile file = Selections.selected(event, IFile.class);
        if (file == null || file.getLocation() == null) {
            throw new ExecutionException("Compute BVSE Barrier needs one crystal file of the workspace selected");
        }
        double resolution = Selections.bvseResolution();
        Shell shell = HandlerUtil.getActiveShellChecked(event);
        BarrierJob job = new BarrierJob(file.getLocation().toPath(), resolution);
        job.addJobChangeListener(new JobChangeAdapter() {
            @Override
            public void done(IJobChangeEvent done) {
                if (job.result() != null && !shell.isDisposed()) {
                    shell.getDisplay().asyncExec(() -> new BarrierDialog(shell, job).open());
                }
            }
        });
        job.schedule();
        return job;
    }
}
