package org.cgformer.ui.bvse.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import org.cgformer.bvse.api.DatasetLabeller;
import org.cgformer.bvse.api.LabellingListener;
import org.cgformer.bvse.api.LabellingRequest;
import org.cgformer.bvse.api.LabellingResult;
import org.cgformer.core.batch.BatchFailedException;
import org.cgformer.core.batch.BatchProgress;
import org.eclipse.core.resources.IContainer;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;

/**
 * Labels every structure file of a folder with its BVSE barrier into a dataset folder, through the {@link DatasetLabeller}
 * service (the same files as {@code cgformer dataset bvse}). Progress is one unit per structure with the ETA in the
 * sub-task; cancelling stops starting structures, keeps the finished rows, and a later run resumes.
 */
public final class LabelDatasetJob extends Job {

    private final Path source;
    private final Path output;
    private final double resolutionAngstrom;
    private volatile LabellingResult result;

    public LabelDatasetJob(Path source, Path output, double resolutionAngstrom) {
        super("Label dataset with BVSE: " + source.getFileName());
        this.source = source;
        this.output = output;
        this.resolutionAngstrom = resolutionAngstrom;
        setUser(true);
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        SubMonitor progress = SubMonitor.convert(monitor, getName(), 1);
        try {
            result = BvseServices.labeller().label(LabellingRequest.of(source, output, resolutionAngstrom), new Listener(progress));
            refreshWorkspaceCopy();
            if (result.cancelled()) {
                return Status.CANCEL_STATUS;
            }
            return Status.info(String.format(Locale.ROOT, "%d labelled, %d refused (see %s); dataset in %s", result.labelled(),
                    result.refused(), DatasetLabeller.REFUSED, output));
        } catch (IOException e) {
            return Status.error(e.getMessage(), e);
        } catch (BatchFailedException e) {
            // a bug, not a data problem: shown and logged as such, with its stack trace
            return Status.error("labelling stopped by an internal error on " + e.item() + ": " + e.getCause(), e);
        } catch (CoreException e) {
            return e.getStatus();
        } finally {
            monitor.done();
        }
    }

    /** Progress per structure; called from the labeller's workers one at a time, never throws (that would be a bug). */
    private static final class Listener implements LabellingListener {
        private final SubMonitor progress;

        Listener(SubMonitor progress) {
            this.progress = progress;
        }

        @Override
        public void started(int alreadyDone, int toCompute) {
            progress.setWorkRemaining(Math.max(1, toCompute));
            progress.subTask(alreadyDone + " already done, " + toCompute + " to compute");
        }

        @Override
        public void finished(BatchProgress<? extends Path> p) {
            progress.worked(1);
            progress.subTask(String.format(Locale.ROOT, "%d/%d %s, ETA %s", p.done(), p.total(), DatasetLabeller.id(p.item()),
                    BatchProgress.clock(p.etaSeconds())));
        }

        @Override
        public boolean isCancelled() {
            return progress.isCanceled();
        }
    }

    /** When the dataset folder lies in the workspace, the Project Explorer shows the new files. */
    private void refreshWorkspaceCopy() throws CoreException {
        for (IContainer container : ResourcesPlugin.getWorkspace().getRoot().findContainersForLocationURI(output.toUri())) {
            container.refreshLocal(IResource.DEPTH_INFINITE, null);
        }
    }

    public Path source() {
        return source;
    }

    public Path output() {
        return output;
    }

    public double resolutionAngstrom() {
        return resolutionAngstrom;
    }

    /** What the run did, once it ended (also when cancelled); null before or after an error. */
    public LabellingResult result() {
        return result;
    }
}
