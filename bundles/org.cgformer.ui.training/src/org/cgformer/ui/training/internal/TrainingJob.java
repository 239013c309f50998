package org.cgformer.ui.training.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import org.cgformer.graph.api.Featurizer;
import org.cgformer.graph.api.GraphOptions;
import org.cgformer.ml.api.Cancellation;
import org.cgformer.ml.api.Dataset;
import org.cgformer.ml.api.Metrics;
import org.cgformer.ml.api.PropertyModel;
import org.cgformer.ml.api.Sample;
import org.cgformer.ml.api.Split;
import org.cgformer.ml.api.Splits;
import org.cgformer.ml.api.TrainedModel;
import org.cgformer.ml.api.TrainingCancelledException;
import org.cgformer.ml.api.TrainingOptions;
import org.cgformer.ml.api.TrainingProgress;
import org.cgformer.structure.api.StructureReader;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.MultiStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * Trains a property model on a dataset folder (CGCNN layout) as an Eclipse Job: featurizes every
 * structure (bad ones are reported and left out), then trains one model on a hold-out split (10 %
 * validation, parity on the validation part) or one per fold of k-fold cross-validation (parity on
 * each fold's test part). Progress per epoch goes to the Progress view and to a {@link Listener};
 * cancelling the job stops the training between two batches.
 */
public class TrainingJob extends Job {

    /** Fraction of each training part held out for validation (early stopping), as the CLI's default. */
    public static final double VALIDATION_FRACTION = 0.1;

    /** What the job reports while it runs; called on the job's thread. */
    public interface Listener {
        void epoch(String fold, TrainingProgress progress);

        void foldDone(String fold, Metrics metrics, double[] targets, double[] predictions, int bestEpoch);

        void finished(IStatus status);
    }

    /** What to train. {@code folds} &lt; 2 means one hold-out split. */
    public record Request(PropertyModel model, Featurizer featurizer, Path dataset, int folds, TrainingOptions options) {
    }

    private final Request request;
    private final List<StructureReader> readers;
    private final Listener listener;
    private final Cancellation cancellation = new Cancellation();

    public TrainingJob(Request request, List<StructureReader> readers, Listener listener) {
        super("Training " + request.model().name() + " on " + request.dataset().getFileName());
        this.request = request;
        this.readers = List.copyOf(readers);
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
        Dataset dataset = Dataset.read(request.dataset());
        int epochs = request.options().epochs();
        List<Split> splits = splits(dataset.size());
        SubMonitor sub = SubMonitor.convert(monitor, getName(), dataset.size() + splits.size() * epochs);
        MultiStatus problems = new MultiStatus(getClass(), 0, "Structures left out of the training", null);
        List<Sample> samples = featurize(dataset, sub, problems);
        if (samples.size() < 2) {
            return Status.error(request.dataset() + ": fewer than 2 usable structures (" + problems.getChildren().length + " refused)");
        }
        if (samples.size() != dataset.size()) {
            splits = splits(samples.size());
        }
        for (Split split : splits) {
            trainFold(samples, split, sub);
        }
        return problems.getChildren().length == 0 ? Status.OK_STATUS : problems;
    }

    private List<Split> splits(int n) {
        if (request.folds() >= 2) {
            return Splits.kFold(n, request.folds(), request.options().seed());
        }
        List<List<Integer>> parts = Splits.holdOut(IntStream.range(0, n).boxed().toList(), VALIDATION_FRACTION,
                request.options().seed());
        // hold-out: the validation part is also what the parity plot shows
        return List.of(new Split("hold-out", parts.get(0), parts.get(1)));
    }

    private List<Sample> featurize(Dataset dataset, SubMonitor sub, MultiStatus problems) {
        List<Sample> samples = new ArrayList<>();
        GraphOptions options = GraphOptions.defaults();
        for (Dataset.Entry entry : dataset.entries()) {
            cancellation.check();
            sub.subTask("Featurizing " + entry.file().getFileName() + " with " + request.featurizer().name());
            try {
                samples.add(new Sample(entry.id(), Dataset.featurize(entry.file(), request.featurizer(), options, readers),
                        entry.target()));
            } catch (IOException e) {
                problems.add(Status.warning(e.getMessage()));
            }
            sub.split(1);
        }
        return samples;
    }

    private void trainFold(List<Sample> samples, Split split, SubMonitor sub) {
        List<Sample> train;
        List<Sample> validation;
        if (request.folds() >= 2) {
            List<List<Integer>> parts = Splits.holdOut(split.train(), VALIDATION_FRACTION, request.options().seed());
            train = pick(samples, parts.get(0));
            validation = pick(samples, parts.get(1));
        } else {
            train = pick(samples, split.train());
            validation = pick(samples, split.test());
        }
        List<Sample> test = pick(samples, split.test());
        int epochs = request.options().epochs();
        int[] epochsReported = {0};
        try (TrainedModel trained = request.model().train(train, validation, JsonNodeFactory.instance.objectNode(),
                request.options(), p -> {
                    if (p.endOfEpoch()) {
                        sub.subTask(String.format(Locale.ROOT, "%s epoch %d/%d: loss %.4f, validation MAE %.4g, ETA %.0f s",
                                split.name(), p.epoch(), p.epochs(), p.trainLoss(), p.validationMae(), p.etaSeconds()));
                        sub.split(1);
                        epochsReported[0]++;
                        listener.epoch(split.name(), p);
                    }
                }, cancellation)) {
            // early stopping ends before the last epoch: account for the epochs not run
            sub.split(Math.max(0, epochs - epochsReported[0]));
            double[] targets = test.stream().mapToDouble(Sample::target).toArray();
            double[] predictions = trained.predict(test.stream().map(Sample::graph).toList());
            Object best = trained.descriptor().metrics().get("bestEpoch");
            listener.foldDone(split.name(), Metrics.of(targets, predictions), targets, predictions,
                    best instanceof Number n ? n.intValue() : 0);
        }
    }

    private static List<Sample> pick(List<Sample> samples, List<Integer> indices) {
        return indices.stream().map(samples::get).toList();
    }
}
