package org.cgformer.ui.training.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.cgformer.graph.api.Featurizer;
import org.cgformer.ml.api.Cancellation;
import org.cgformer.ml.api.Metrics;
import org.cgformer.ml.api.PropertyModel;
import org.cgformer.ml.api.Split;
import org.cgformer.ml.api.TrainingCancelledException;
import org.cgformer.ml.api.TrainingOptions;
import org.cgformer.ml.api.TrainingProgress;
import org.cgformer.ml.training.FoldResult;
import org.cgformer.ml.training.LabelledData;
import org.cgformer.ml.training.Refused;
import org.cgformer.ml.training.TrainingMonitor;
import org.cgformer.ml.training.TrainingResult;
import org.cgformer.ml.training.TrainingService;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.MultiStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;

/**
 * Trains a property model on a dataset folder (CGCNN layout) as an Eclipse Job, through the
 * {@link TrainingService}: featurizes every structure (refused ones are listed in the job's result), then
 * trains one model on a hold-out split or one per fold of k-fold cross-validation. Progress per epoch goes
 * to the Progress view and to a {@link Listener}; cancelling the job stops the training between two batches.
 */
public class TrainingJob extends Job {

    /** What the job reports while it runs; called on the job's thread. */
    public interface Listener {
        void epoch(String fold, TrainingProgress progress);

        void foldDone(String fold, Metrics metrics, double[] targets, double[] predictions, int bestEpoch);

        void finished(IStatus status);
    }

    /**
     * What to train. {@code folds} &lt; 2 means one model with a hold-out validation part.
     *
     * @param cacheFolder crystal-graph cache folder, or null for none
     */
    public record Request(PropertyModel model, Featurizer featurizer, Path dataset, int folds, TrainingOptions options,
            Path cacheFolder) {
    }

    private final TrainingService service;
    private final Request request;
    private final Listener listener;
    private final Cancellation cancellation = new Cancellation();

    public TrainingJob(TrainingService service, Request request, Listener listener) {
        super("Training " + request.model().name() + " on " + request.dataset().getFileName());
        this.service = service;
        this.request = request;
        this.listener = listener;
        setUser(true);
    }

    @Override
    protected void canceling() {
        cancellation.cancel();
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        IStatus status;
        try {
            status = train(monitor);
        } catch (TrainingCancelledException | OperationCanceledException e) {
            status = Status.CANCEL_STATUS;
        } catch (IOException | RuntimeException e) {
            status = Status.error("Training " + request.model().name() + " on " + request.dataset() + " failed: " + e.getMessage(), e);
        }
        listener.finished(status);
        return status;
    }

    private IStatus train(IProgressMonitor monitor) throws IOException {
        int folds = Math.max(1, request.folds());
        // ticks: 1000 for featurizing, one per epoch of each model
        SubMonitor sub = SubMonitor.convert(monitor, getName(), 1000 + folds * request.options().epochs());
        ProgressMonitor progress = new ProgressMonitor(sub);
        LabelledData data = service.loadDataset(request.dataset(), request.featurizer(), request.cacheFolder(), progress);
        progress.featurized();
        List<Split> splits = request.folds() >= 2 ? service.kFold(data, request.folds(), request.options().seed()) : null;
        TrainingResult result = service.run(org.cgformer.ml.training.TrainingJob.train(request.model(), data)
                .options(request.options()).splits(splits).build(), progress);
        for (FoldResult fold : result.folds()) {
            listener.foldDone(fold.name(), fold.metrics(), fold.targets(), fold.predictions(), fold.bestEpoch());
        }
        if (data.refused().isEmpty()) {
            return Status.OK_STATUS;
        }
        MultiStatus refused = new MultiStatus(getClass(), 0, data.refused().size() + " structure(s) of " + request.dataset()
                + " left out of the training", null);
        for (Refused r : data.refused()) {
            refused.add(Status.warning(r.file() + ": " + r.reason()));
        }
        return refused;
    }

    /** The service's progress, on the Eclipse progress monitor and the listener. */
    private final class ProgressMonitor implements TrainingMonitor {

        private final SubMonitor sub;
        private int featurizingTicks;

        ProgressMonitor(SubMonitor sub) {
            this.sub = sub;
        }

        @Override
        public void message(String line) {
            sub.subTask(line);
        }

        @Override
        public synchronized void work(String task, int done, int total, double etaSeconds) {
            int ticks = total == 0 ? 1000 : (int) (1000L * done / total);
            if (ticks > featurizingTicks) {
                sub.worked(ticks - featurizingTicks);
                featurizingTicks = ticks;
            }
            sub.subTask(String.format(Locale.ROOT, "%s: %d of %d, ETA %.0f s", task, done, total, etaSeconds));
        }

        synchronized void featurized() {
            sub.worked(Math.max(0, 1000 - featurizingTicks));
            featurizingTicks = 1000;
        }

        @Override
        public synchronized void progress(String task, TrainingProgress p) {
            if (p.endOfEpoch()) {
                sub.worked(1);
                sub.subTask(String.format(Locale.ROOT, "%s epoch %d/%d: loss %.4f, validation MAE %.4g, ETA %.0f s", task,
                        p.epoch(), p.epochs(), p.trainLoss(), p.validationMae(), p.etaSeconds()));
                listener.epoch(task, p);
            }
            if (sub.isCanceled()) {
                cancellation.cancel();
            }
        }

        @Override
        public Cancellation cancellation() {
            return cancellation;
        }
    }
}
