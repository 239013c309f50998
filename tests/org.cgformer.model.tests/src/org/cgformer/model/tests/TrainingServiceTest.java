package org.cgformer.model.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.cgformer.graph.api.FeaturizationException;
import org.cgformer.ml.api.Cancellation;
import org.cgformer.ml.api.FineTuning;
import org.cgformer.ml.api.Metrics;
import org.cgformer.ml.api.ModelDescriptor;
import org.cgformer.ml.api.PropertyModel;
import org.cgformer.ml.api.Sample;
import org.cgformer.ml.api.TrainedModel;
import org.cgformer.ml.api.TrainingCancelledException;
import org.cgformer.ml.api.TrainingOptions;
import org.cgformer.ml.api.TrainingProgress;
import org.cgformer.ml.api.TrainingRequest;
import org.cgformer.ml.training.Ensemble;
import org.cgformer.ml.training.EnsemblePrediction;
import org.cgformer.ml.training.GraphSet;
import org.cgformer.ml.training.LabelledData;
import org.cgformer.ml.training.TrainingJob;
import org.cgformer.ml.training.TrainingMonitor;
import org.cgformer.ml.training.TrainingResult;
import org.cgformer.ml.training.TrainingService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The training service: datasets with bad items, cross-validation, ensembles, fine-tuning, resume after a cancel. */
class TrainingServiceTest {

    @TempDir
    Path temp;

    private static ObjectNode small() {
        return JsonNodeFactory.instance.objectNode().put("hiddenSize", 32).put("headSize", 32);
    }

    /** Records epoch events per task and cancels when asked. */
    private static final class Recorder implements TrainingMonitor {
        final List<String> lines = new ArrayList<>();
        final List<String> epochs = new ArrayList<>();
        final Map<String, List<TrainingProgress>> events = new java.util.concurrent.ConcurrentHashMap<>();
        final Cancellation cancellation = new Cancellation();
        String cancelTask;
        int cancelAfterEpoch;

        @Override
        public synchronized void message(String line) {
            lines.add(line);
        }

        @Override
        public synchronized void progress(String task, TrainingProgress p) {
            if (p.endOfEpoch()) {
                epochs.add(task + ":" + p.epoch());
                events.computeIfAbsent(task, t -> new ArrayList<>()).add(p);
                if (task.equals(cancelTask) && p.epoch() == cancelAfterEpoch) {
                    cancellation.cancel();
                }
            }
        }

        @Override
        public Cancellation cancellation() {
            return cancellation;
        }
    }

    @Test
    void datasetsWithBadItemsAreLoadedAndTheBadOnesReported() throws Exception {
        TrainingService service = Fixtures.service(TrainingService.class);
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> service.model("nope"));
        assertTrue(unknown.getMessage().contains("installed: cgcnn, cgformer"), unknown.getMessage());
        Path sample = Fixtures.data(Fixtures.SAMPLE);
        Path dir = Files.createDirectories(temp.resolve("data"));
        List<String> lines = Files.readAllLines(sample.resolve("id_prop.csv"));
        StringBuilder csv = new StringBuilder();
        for (String line : lines.subList(0, 5)) {
            String id = line.split(",")[0].strip();
            Files.copy(sample.resolve(id + ".cif"), dir.resolve(id + ".cif"));
            csv.append(line).append('\n');
        }
        Files.writeString(dir.resolve("broken.cif"), "data_broken\n_cell_length_a 3.0\n_cell_length_b x\n");
        csv.append("broken,1.5\nmissing,2.5\n");
        Files.writeString(dir.resolve("id_prop.csv"), csv);
        Recorder monitor = new Recorder();
        LabelledData data = service.loadDataset(dir, service.featurizer("cgcnn"), temp.resolve("cache"), monitor);
        assertEquals(5, data.size());
        assertEquals(2, data.refused().size(), data.refused().toString());
        assertEquals("broken", data.refused().get(0).id());
        // FILE:LINE: problem, the file and line named once
        assertEquals(dir.resolve("broken.cif") + ":3: _cell_length_b 'x' is not a number", data.refused().get(0).reason());
        assertEquals("missing", data.refused().get(1).id());
        assertTrue(data.refused().get(1).reason().contains("no such file"), data.refused().get(1).reason());
        assertTrue(monitor.lines.stream().anyMatch(l -> l.contains("2 refused")), monitor.lines.toString());
        // a structure text (screening's streamed candidates) is refused with the same message as the file
        String brokenText = Files.readString(dir.resolve("broken.cif"));
        FeaturizationException text = assertThrows(FeaturizationException.class, () -> service.featurize("broken.cif", brokenText,
                service.featurizer("cgcnn")));
        assertEquals("broken.cif:3: _cell_length_b 'x' is not a number", text.getMessage());
        FeaturizationException kind = assertThrows(FeaturizationException.class, () -> service.featurize("broken.xyz", brokenText,
                service.featurizer("cgcnn")));
        assertTrue(kind.getMessage().startsWith("broken.xyz: no reader for this kind of file (installed: "), kind.getMessage());
        // the graph cache serves the second load
        Recorder again = new Recorder();
        service.loadDataset(dir, service.featurizer("cgcnn"), temp.resolve("cache"), again);
        assertTrue(again.lines.stream().anyMatch(l -> l.contains("(5 from the graph cache")), again.lines.toString());
    }

    private static void assertParitySplit(Path folder, String split) throws Exception {
        List<String> lines = Files.readAllLines(folder.resolve(TrainingService.PARITY_FILE));
        assertEquals("id,target,predicted,residual,split", lines.get(0));
        assertTrue(lines.size() > 1, lines.toString());
        lines.subList(1, lines.size()).forEach(l -> assertTrue(l.endsWith("," + split), folder + ": " + l));
        assertEquals(split, ModelDescriptor.read(folder).metrics().get(TrainingService.PARITY_SPLIT));
    }

    @Test
    void crossValidationWritesFoldsMetricsAndAnEnsembleThatPredictsMeanAndSpread() throws Exception {
        TrainingService service = Fixtures.service(TrainingService.class);
        LabelledData data = service.loadDataset(Fixtures.data(Fixtures.SAMPLE), service.featurizer("cgcnn"), null, TrainingMonitor.NONE);
        Path out = temp.resolve("cv");
        TrainingResult result = service.run(TrainingJob.train(service.model("cgcnn"), data).hyperParameters(small())
                .options(TrainingOptions.defaults().withEpochs(3).withBatchSize(4).withLoss(TrainingOptions.Loss.L1)
                        .withOptimizer(TrainingOptions.Optimizer.ADAMW).withWeightDecay(1e-4)
                        .withSchedule(TrainingOptions.Schedule.COSINE, 1, 30, 0.5))
                .splits(service.kFold(data, 2, 7)).finalModel(true).output(out).build(), TrainingMonitor.NONE);
        assertEquals(2, result.folds().size());
        assertTrue(Files.isRegularFile(out.resolve("fold_0/parity.csv")));
        assertTrue(Files.isRegularFile(out.resolve("final/model.json")));
        // a fold's parity rows are its test part; the final model's are the validation structures that chose its best epoch
        assertParitySplit(out.resolve("fold_0"), "test");
        assertParitySplit(out.resolve("final"), "validation");
        JsonNode metrics = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        assertEquals(result.meanStd(Metrics::mae)[0], metrics.get("mean").get("mae").asDouble(), 1e-12);
        assertTrue(ModelDescriptor.read(out.resolve("fold_0")).metrics().get("training").toString().contains("adamw"));
        List<Path> files;
        try (Stream<Path> list = Files.list(Fixtures.data(Fixtures.SAMPLE))) {
            files = list.filter(p -> p.toString().endsWith(".cif")).sorted().toList();
        }
        try (Ensemble ensemble = service.loadEnsemble(out, false)) {
            assertEquals(List.of("fold_0", "fold_1"), ensemble.members().stream().map(Ensemble.Member::name).toList());
            GraphSet graphs = service.featurize(files, ensemble.featurizer(), null, TrainingMonitor.NONE);
            List<EnsemblePrediction> p = ensemble.predict(graphs.graphs());
            assertEquals(files.size(), p.size());
            double[] a = ensemble.members().get(0).model().predict(graphs.graphs());
            double[] b = ensemble.members().get(1).model().predict(graphs.graphs());
            assertEquals((a[0] + b[0]) / 2, p.get(0).mean(), 1e-9);
            assertEquals(Math.abs(a[0] - b[0]) / Math.sqrt(2), p.get(0).std(), 1e-9);
        }
        try (Ensemble fin = service.loadEnsemble(out, true)) {
            assertEquals(1, fin.size());
            assertEquals("final", fin.members().get(0).name());
        }
    }

    @Test
    void fineTuningStartsFromTheParentsWeightsAndRecordsTheParent() throws Exception {
        TrainingService service = Fixtures.service(TrainingService.class);
        PropertyModel cgcnn = service.model("cgcnn");
        LabelledData data = service.loadDataset(Fixtures.data(Fixtures.SAMPLE), service.featurizer("cgcnn"), null, TrainingMonitor.NONE);
        TrainingOptions options = TrainingOptions.defaults().withBatchSize(5).withLearningRate(5e-3).withPatience(0);
        Path parent = temp.resolve("parent");
        service.run(TrainingJob.train(cgcnn, data).hyperParameters(small()).options(options.withEpochs(40)).output(parent).build(),
                TrainingMonitor.NONE);
        // a fresh model's first epoch on the same data, same seed and options
        Recorder fresh = new Recorder();
        service.run(TrainingJob.train(cgcnn, data).hyperParameters(small()).options(options.withEpochs(1)).build(), fresh);
        Recorder tuned = new Recorder();
        Path child = temp.resolve("child");
        TrainingResult r = service.run(TrainingJob.fineTune(parent, data).fineTuning(new FineTuning(false, Set.of("embedding")))
                .options(options.withEpochs(1).withLearningRate(1e-3)).output(child).build(), tuned);
        double freshLoss = fresh.events.get("model").get(0).trainLoss();
        double tunedLoss = tuned.events.get("model").get(0).trainLoss();
        System.out.printf("[model test] first-epoch training loss: fresh cgcnn %.4f, fine-tuned from a 40-epoch parent %.4f%n", freshLoss,
                tunedLoss);
        assertTrue(tunedLoss < freshLoss / 4, "fine-tuning's first epoch " + tunedLoss + " is not well below a fresh model's " + freshLoss);
        assertEquals(parent, r.parent());
        ModelDescriptor d = ModelDescriptor.read(child);
        Map<String, Object> recorded = d.parent();
        assertEquals(parent.toAbsolutePath().normalize().toString(), recorded.get("path"));
        assertEquals("cgcnn", recorded.get("model"));
        assertEquals(ModelDescriptor.read(parent).parametersSha256(), recorded.get("parametersSha256"));
        assertTrue(d.metrics().get("fineTuning").toString().contains("embedding"), d.metrics().toString());
        // what freeze and reset-head do to the parameters: FineTuningTest
        IllegalArgumentException badGroup = assertThrows(IllegalArgumentException.class, () -> service.run(TrainingJob.fineTune(parent, data)
                .fineTuning(new FineTuning(false, Set.of("attention"))).options(options.withEpochs(1)).build(), TrainingMonitor.NONE));
        assertTrue(badGroup.getMessage().contains("has no layer group 'attention'"), badGroup.getMessage());
        assertEquals(Set.of("embedding", "conv", "head"), cgcnn.layerGroups());
        assertTrue(service.model("cgformer").layerGroups().containsAll(Set.of("attention", "centrality")));
    }

    @Test
    void aCancelledTrainingResumesFromItsCheckpoint() throws Exception {
        PropertyModel cgcnn = Fixtures.model("cgcnn");
        List<Sample> samples = Fixtures.samples(Fixtures.SAMPLE, "cgcnn", 1);
        Path checkpoint = temp.resolve("checkpoint");
        TrainingOptions options = TrainingOptions.defaults().withEpochs(5).withBatchSize(4).withPatience(0);
        Cancellation cancel = new Cancellation();
        List<TrainingProgress> first = new ArrayList<>();
        TrainingRequest.Builder request = TrainingRequest.builder(samples.subList(0, 8), samples.subList(8, 10)).hyperParameters(small())
                .options(options).checkpoint(checkpoint, "run-1");
        assertThrows(TrainingCancelledException.class, () -> cgcnn.train(request.listener(p -> {
            if (p.endOfEpoch()) {
                first.add(p);
                if (p.epoch() == 2) {
                    cancel.cancel();
                }
            }
        }).cancellation(cancel).build()));
        assertEquals(2, first.size());
        assertTrue(Files.isRegularFile(checkpoint.resolve("checkpoint.json")));
        List<TrainingProgress> second = new ArrayList<>();
        try (TrainedModel model = cgcnn.train(request.listener(p -> {
            if (p.endOfEpoch()) {
                second.add(p);
            }
        }).cancellation(new Cancellation()).build())) {
            assertEquals(3, second.get(0).epoch(), "the resumed run starts at epoch 3");
            assertEquals(5, second.get(second.size() - 1).epoch());
            assertEquals(3, second.size());
            assertEquals(5, ((Number) model.descriptor().metrics().get("epochs")).intValue());
            assertEquals(2, ((Number) model.descriptor().metrics().get("resumedAfterEpoch")).intValue());
        }
        // another key: the checkpoint is not used
        List<TrainingProgress> other = new ArrayList<>();
        try (TrainedModel model = cgcnn.train(request.checkpoint(checkpoint, "run-2").listener(p -> {
            if (p.endOfEpoch()) {
                other.add(p);
            }
        }).build())) {
            assertEquals(1, other.get(0).epoch());
        }
    }

    @Test
    void anUnreadableCheckpointIsReportedNotSkipped() throws Exception {
        PropertyModel cgcnn = Fixtures.model("cgcnn");
        List<Sample> samples = Fixtures.samples(Fixtures.SAMPLE, "cgcnn", 1);
        Path checkpoint = Files.createDirectories(temp.resolve("corrupt-checkpoint"));
        Files.writeString(checkpoint.resolve("checkpoint.json"), "{\"format\": 1, \"key\": "); // cut off mid-write
        TrainingRequest request = TrainingRequest.builder(samples.subList(0, 8), samples.subList(8, 10)).hyperParameters(small())
                .options(TrainingOptions.defaults().withEpochs(1).withBatchSize(4)).checkpoint(checkpoint, "run-1").build();
        java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class, () -> cgcnn.train(request).close());
        assertTrue(e.getMessage().contains(checkpoint.toString()) && e.getMessage().contains("delete the folder"), e.getMessage());
    }

    @Test
    void theServiceSkipsFinishedFoldsAndResumesTheInterruptedOne() throws Exception {
        TrainingService service = Fixtures.service(TrainingService.class);
        LabelledData data = service.loadDataset(Fixtures.data(Fixtures.SAMPLE), service.featurizer("cgcnn"), null, TrainingMonitor.NONE);
        Path out = temp.resolve("resume");
        TrainingJob job = TrainingJob.train(service.model("cgcnn"), data).hyperParameters(small())
                .options(TrainingOptions.defaults().withEpochs(4).withBatchSize(4).withPatience(0)).splits(service.kFold(data, 2, 3))
                .output(out).build();
        Recorder crashed = new Recorder();
        crashed.cancelTask = "fold_1";
        crashed.cancelAfterEpoch = 2;
        assertThrows(TrainingCancelledException.class, () -> service.run(job, crashed));
        assertTrue(Files.isRegularFile(out.resolve("fold_0/model.json")));
        assertFalse(Files.isRegularFile(out.resolve("fold_1/model.json")));
        Recorder resumed = new Recorder();
        TrainingResult r = service.run(job, resumed);
        assertTrue(r.folds().get(0).reused());
        assertFalse(r.folds().get(1).reused());
        assertEquals(List.of("fold_1:3", "fold_1:4"), resumed.epochs);
        assertFalse(Files.exists(out.resolve("fold_1/checkpoint")), "the checkpoint is removed once the fold is saved");
        // other settings in the same folder are refused
        TrainingJob other = TrainingJob.train(service.model("cgcnn"), data).hyperParameters(small())
                .options(TrainingOptions.defaults().withEpochs(5).withBatchSize(4)).splits(service.kFold(data, 2, 3)).output(out).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> service.run(other, TrainingMonitor.NONE));
        assertTrue(e.getMessage().contains("other settings"), e.getMessage());
    }
}
