package org.cgformer.ui.design.internal;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.emf.common.util.Diagnostic;
import org.eclipse.emf.common.util.Monitor;

/** EMF's progress {@link Monitor} (what the design workflow reports to) on an Eclipse progress monitor. */
final class MonitorAdapter implements Monitor {

    private final IProgressMonitor monitor;

    MonitorAdapter(IProgressMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public void beginTask(String name, int totalWork) {
        monitor.beginTask(name, totalWork);
    }

    @Override
    public void done() {
        monitor.done();
    }

    @Override
    public boolean isCanceled() {
        return monitor.isCanceled();
    }

    @Override
    public void setCanceled(boolean value) {
        monitor.setCanceled(value);
    }

    @Override
    public void setTaskName(String name) {
        monitor.setTaskName(name);
    }

    @Override
    public void subTask(String name) {
        monitor.subTask(name);
    }

    @Override
    public void worked(int work) {
        monitor.worked(work);
    }

    @Override
    public void internalWorked(double work) {
        monitor.internalWorked(work);
    }

    @Override
    public void clearBlocked() {
        monitor.clearBlocked();
    }

    @Override
    public void setBlocked(Diagnostic reason) {
        monitor.setBlocked(org.eclipse.core.runtime.Status.info(reason.getMessage()));
    }
}
