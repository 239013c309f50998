package org.cgformer.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Hashtable;
import java.util.List;

import org.cgformer.ml.api.Cancellation;
import org.cgformer.ml.api.ModelFileException;
import org.cgformer.ml.api.ProgressListener;
import org.cgformer.ml.api.PropertyModel;
import org.cgformer.ml.api.Sample;
import org.cgformer.ml.api.TrainedModel;
import org.cgformer.ml.api.TrainingOptions;
import org.cgformer.ui.training.internal.ModelsView;
import org.cgformer.ui.training.internal.TrainingJob;
import org.cgformer.ui.training.internal.TrainingView;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swtchart.ISeries;
import org.junit.jupiter.api.Test;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The Training and Models views: a real 2-epoch CGCNN training on ../shared/data/structures/cgcnn_sample. */
class TrainingViewTest {

    @Test
    void trainsTwoEpochsPerFoldAndShowsLossParityAndMetrics() throws Exception {
        TrainingView view = (TrainingView) Ui.page().showView(TrainingView.ID);
        view.configure("cgcnn", Ui.sharedData("structures/cgcnn_sample"), 2, 2, 4);
        TrainingJob job = view.start();
        assertNotNull(job, "the form is complete: the training starts");
        Ui.waitUntil("the training to finish", 600_000, () -> job.getState() == Job.NONE && view.status().startsWith("Done"));
        assertEquals(IStatus.OK, job.getResult().getSeverity(), String.valueOf(job.getResult()));
        assertEquals(2, view.epochsShown().size(), "two folds: " + view.epochsShown());
        view.epochsShown().values().forEach(n -> assertEquals(2, n, "2 epochs per fold"));

        ISeries<?> loss = view.lossChart().getSeriesSet().getSeries("fold_1 training loss");
        assertNotNull(loss, "loss series of the first fold");
        assertEquals(2, loss.getYSeries().length);
        for (double v : loss.getYSeries()) {
            assertTrue(Double.isFinite(v) && v >= 0, "loss " + v);
        }
        assertNotNull(view.lossChart().getSeriesSet().getSeries("fold_1 validation MAE"));
        int parityPoints = 0;
        for (ISeries<?> s : view.parityChart().getSeriesSet().getSeries()) {
            if (s.getId().startsWith("fold_")) {
                parityPoints += s.getXSeries().length;
            }
        }
        assertEquals(10, parityPoints, "every structure is in exactly one fold's test part");
        // one row per fold and the mean +- std row
        assertEquals(3, view.metricsTable().getItemCount());
        assertTrue(Double.isFinite(Double.parseDouble(view.metricsTable().getItem(0).getText(1))), "MAE of fold 1");
        assertTrue(view.metricsTable().getItem(2).getText(0).startsWith("mean"));
        Ui.screenshot(view, "training-view.png");
    }

    @Test
    void cancellingStopsTheTraining() throws Exception {
        TrainingView view = (TrainingView) Ui.page().showView(TrainingView.ID);
        view.configure("cgcnn", Ui.sharedData("structures/cgcnn_sample"), 1, 5000, 4);
        TrainingJob job = view.start();
        Ui.waitUntil("the first epoch", 300_000, () -> !view.epochsShown().isEmpty());
        job.cancel();
        Ui.waitUntil("the job to stop", 120_000, () -> job.getState() == Job.NONE && view.status().equals("Cancelled"));
        assertEquals(IStatus.CANCEL, job.getResult().getSeverity());
        assertTrue(view.epochsShown().get("model") < 5000);
    }

    @Test
    void modelsViewListsTheInstalledModelsAndFollowsTheRegistry() throws Exception {
        ModelsView view = (ModelsView) Ui.page().showView(ModelsView.ID);
        Ui.waitUntil("the installed models", 10_000, () -> view.shownRows() >= 2);
        List<String> names = view.rows().stream().map(ModelsView.Row::name).toList();
        assertTrue(names.contains("cgcnn") && names.contains("cgformer"), names.toString());
        assertTrue(view.rows().stream().anyMatch(r -> r.bundle().startsWith("org.cgformer.model.cgcnn ")), view.rows().toString());
        int before = view.shownRows();
        // a lab's model bundle registering its service while the workbench runs
        ServiceRegistration<PropertyModel> registration = FrameworkUtil.getBundle(getClass()).getBundleContext()
                .registerService(PropertyModel.class, new LabModel(), new Hashtable<>());
        Ui.waitUntil("the lab's model to appear", 10_000, () -> view.shownRows() == before + 1);
        assertTrue(view.rows().stream().anyMatch(r -> r.name().equals("lab-model")));
        Ui.screenshot(view, "models-view.png");
        registration.unregister();
        Ui.waitUntil("the lab's model to go", 10_000, () -> view.shownRows() == before);
    }

    /** A model service as a lab's bundle would register it; never trained here. */
    private static final class LabModel implements PropertyModel {
        @Override
        public String name() {
            return "lab-model";
        }

        @Override
        public String version() {
            return "0.1.0";
        }

        @Override
        public String description() {
            return "a lab's own model, registered by the test";
        }

        @Override
        public String defaultFeaturizer() {
            return "cgcnn";
        }

        @Override
        public ObjectNode defaultHyperParameters() {
            return JsonNodeFactory.instance.objectNode();
        }

        @Override
        public TrainedModel train(List<Sample> train, List<Sample> validation, ObjectNode hyperParameters,
                TrainingOptions options, ProgressListener listener, Cancellation cancellation) {
            throw new UnsupportedOperationException("the test model does not train");
        }

        @Override
        public TrainedModel load(java.nio.file.Path folder) throws ModelFileException {
            throw new ModelFileException(folder + ": the test model has no files");
        }
    }
}
