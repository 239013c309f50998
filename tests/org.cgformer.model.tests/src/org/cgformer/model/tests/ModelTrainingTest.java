package org.cgformer.model.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.cgformer.ml.api.Metrics;
import org.cgformer.ml.api.ModelFileException;
import org.cgformer.ml.api.PropertyModel;
import org.cgformer.ml.api.Sample;
import org.cgformer.ml.api.TrainedModel;
import org.cgformer.ml.api.TrainingOptions;
import org.cgformer.ml.api.TrainingProgress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

class ModelTrainingTest {

    @TempDir
    Path temp;

    private static ObjectNode small(PropertyModel model) {
        ObjectNode hp = JsonNodeFactory.instance.objectNode();
        hp.put("hiddenSize", 32);
        hp.put("headSize", 32);
        if (model.name().equals("cgformer")) {
            hp.put("ffnSize", 64);
            hp.put("convLayers", 1);
        }
        return hp;
    }

    private static List<TrainingProgress> epochs(List<TrainingProgress> events) {
        return events.stream().filter(TrainingProgress::endOfEpoch).toList();
    }

    @Test
    void cgcnnLossFallsOnTheCgcnnSample() throws Exception {
        PropertyModel cgcnn = Fixtures.model("cgcnn");
        List<Sample> samples = Fixtures.samples(Fixtures.SAMPLE, "cgcnn", 1);
        assertEquals(10, samples.size());
        List<TrainingProgress> events = new ArrayList<>();
        TrainingOptions options = TrainingOptions.defaults().withEpochs(40).withBatchSize(5).withLearningRate(5e-3).withPatience(0);
        try (TrainedModel model = cgcnn.train(samples, List.of(), small(cgcnn), options, events::add, null)) {
            List<TrainingProgress> epochs = epochs(events);
            assertEquals(40, epochs.size());
            double first = epochs.get(0).trainLoss();
            double last = epochs.get(epochs.size() - 1).trainLoss();
            System.out.printf("[model test] cgcnn on cgcnn_sample: training MSE (normalised) %.4f -> %.4f in 40 epochs%n", first, last);
            assertTrue(last < first / 2, "loss fell only from " + first + " to " + last);
            assertEquals(40, epochs.get(epochs.size() - 1).epoch());
        }
    }

    @Test
    void cgcnnSaveLoadGivesIdenticalPredictionsAndBadFilesAreRefused() throws Exception {
        PropertyModel cgcnn = Fixtures.model("cgcnn");
        PropertyModel cgformer = Fixtures.model("cgformer");
        List<Sample> samples = Fixtures.samples(Fixtures.SAMPLE, "cgcnn", 1);
        Path folder = temp.resolve("cgcnn");
        double[] before;
        TrainingOptions options = TrainingOptions.defaults().withEpochs(3).withBatchSize(4);
        try (TrainedModel model = cgcnn.train(samples.subList(0, 8), samples.subList(8, 10), small(cgcnn), options, null, null)) {
            before = model.predict(samples.stream().map(Sample::graph).toList());
            model.save(folder);
            assertEquals("cgcnn", model.descriptor().model());
            assertTrue(model.descriptor().metrics().containsKey("validationMae"));
        }
        try (TrainedModel loaded = cgcnn.load(folder)) {
            double[] after = loaded.predict(samples.stream().map(Sample::graph).toList());
            assertArrayEquals(before, after, 0.0, "predictions after save and load");
            assertEquals("cgcnn", loaded.descriptor().featurizer());
        }
        // another model kind
        ModelFileException wrongKind = assertThrows(ModelFileException.class, () -> cgformer.load(folder));
        assertTrue(wrongKind.getMessage().contains("holds a 'cgcnn' model, not a 'cgformer' model"), wrongKind.getMessage());
        // corrupt parameters
        Path params = folder.resolve("parameters.djl");
        byte[] bytes = Files.readAllBytes(params);
        byte[] otherEncoding = bytes.clone();
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(params, bytes);
        ModelFileException corrupt = assertThrows(ModelFileException.class, () -> cgcnn.load(folder));
        assertTrue(corrupt.getMessage().contains("is corrupt or was replaced"), corrupt.getMessage());
        // truncated parameters with a matching checksum in the descriptor
        Path json = folder.resolve("model.json");
        String descriptor = Files.readString(json);
        replaceParameters(folder, descriptor, java.util.Arrays.copyOf(bytes, bytes.length / 3));
        ModelFileException truncatedError = assertThrows(ModelFileException.class, () -> cgcnn.load(folder));
        assertTrue(truncatedError.getMessage().startsWith("cannot read the parameters in"), truncatedError.getMessage());
        // the network block's encoding version (the first byte) is one this version cannot read
        otherEncoding[0] = 9;
        replaceParameters(folder, descriptor, otherEncoding);
        ModelFileException encoding = assertThrows(ModelFileException.class, () -> cgcnn.load(folder));
        assertTrue(encoding.getMessage().contains("Unsupported encoding version: 9"), encoding.getMessage());
        // descriptor problems
        Files.writeString(json, "{ not json");
        ModelFileException notJson = assertThrows(ModelFileException.class, () -> cgcnn.load(folder));
        assertTrue(notJson.getMessage().contains("is not valid JSON"), notJson.getMessage());
        Files.writeString(json, descriptor.replace("\"format\" : 1", "\"format\" : 99"));
        ModelFileException format = assertThrows(ModelFileException.class, () -> cgcnn.load(folder));
        assertTrue(format.getMessage().contains("descriptor format 99"), format.getMessage());
        Files.writeString(json, descriptor.replace("\"modelVersion\" : \"1.0.0\"", "\"modelVersion\" : \"2.0.0\""));
        ModelFileException version = assertThrows(ModelFileException.class, () -> cgcnn.load(folder));
        assertTrue(version.getMessage().contains("reads versions 1.x"), version.getMessage());
        Files.delete(json);
        ModelFileException missing = assertThrows(ModelFileException.class, () -> cgcnn.load(folder));
        assertTrue(missing.getMessage().contains("has no model.json"), missing.getMessage());
    }

    /** Writes parameters.djl and model.json with its matching checksum, so that loading gets as far as the parameters. */
    private static void replaceParameters(Path folder, String descriptor, byte[] parameters) throws Exception {
        Files.write(folder.resolve("parameters.djl"), parameters);
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(parameters));
        Files.writeString(folder.resolve("model.json"),
                descriptor.replaceAll("\"parametersSha256\" : \"[0-9a-f]*\"", "\"parametersSha256\" : \"" + sha + "\""));
    }

    @Test
    void graphsOfAnotherFeaturizerAreRefused() throws Exception {
        PropertyModel cgcnn = Fixtures.model("cgcnn");
        List<Sample> samples = Fixtures.samples(Fixtures.SAMPLE, "cgcnn", 1);
        List<Sample> other = Fixtures.samples(Fixtures.SAMPLE, "cgformer", 1);
        try (TrainedModel model = cgcnn.train(samples, List.of(), small(cgcnn), TrainingOptions.defaults().withEpochs(1), null, null)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> model.predict(List.of(other.get(0).graph())));
            assertTrue(e.getMessage().contains("the model reads cgcnn@"), e.getMessage());
        }
        ObjectNode unknown = JsonNodeFactory.instance.objectNode().put("depth", 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> cgcnn.train(samples, List.of(), unknown, TrainingOptions.defaults(), null, null));
        assertTrue(e.getMessage().contains("has no hyper-parameter 'depth'"), e.getMessage());
    }

    @Test
    void cgformerLearnsOnASliceOfJdft2dAndSurvivesSaveAndLoad() throws Exception {
        PropertyModel cgformer = Fixtures.model("cgformer");
        List<Sample> samples = Fixtures.samples(Fixtures.JDFT2D, "cgformer", 10);
        List<Sample> train = samples.subList(0, 52);
        List<Sample> test = samples.subList(52, samples.size());
        List<TrainingProgress> events = new ArrayList<>();
        TrainingOptions options = TrainingOptions.defaults().withEpochs(15).withBatchSize(16).withPatience(0);
        Path folder = temp.resolve("cgformer");
        double[] before;
        try (TrainedModel model = cgformer.train(train, test, small(cgformer), options, events::add, null)) {
            List<TrainingProgress> epochs = epochs(events);
            double first = epochs.get(0).trainLoss();
            double last = epochs.get(epochs.size() - 1).trainLoss();
            double[] predicted = model.predict(test.stream().map(Sample::graph).toList());
            Metrics m = Metrics.of(test.stream().mapToDouble(Sample::target).toArray(), predicted);
            System.out.printf("[model test] cgformer on %d jdft2d structures: training MSE %.4f -> %.4f in 15 epochs, %.0f structures/s;"
                    + " test MAE %.1f meV/atom on %d (best epoch %d)%n", train.size(), first, last,
                    epochs.get(epochs.size() - 1).structuresPerSecond(), m.mae(), m.count(), epochs.get(epochs.size() - 1).bestEpoch());
            assertTrue(last < first * 0.8, "loss fell only from " + first + " to " + last);
            before = predicted;
            model.save(folder);
        }
        try (TrainedModel loaded = cgformer.load(folder)) {
            assertArrayEquals(before, loaded.predict(test.stream().map(Sample::graph).toList()), 0.0);
        }
    }

    @Test
    void cgformerWithAGraphTokenAndDropoutLearnsAndSurvivesSaveAndLoad() throws Exception {
        PropertyModel cgformer = Fixtures.model("cgformer");
        List<Sample> samples = Fixtures.samples(Fixtures.JDFT2D, "cgformer", 10);
        ObjectNode hp = small(cgformer).put("readout", "token").put("dropout", 0.1);
        List<TrainingProgress> events = new ArrayList<>();
        TrainingOptions options = TrainingOptions.defaults().withEpochs(12).withBatchSize(16).withPatience(0)
                .withLoss(TrainingOptions.Loss.HUBER);
        Path folder = temp.resolve("token");
        List<Sample> test = samples.subList(52, samples.size());
        double[] before;
        try (TrainedModel model = cgformer.train(samples.subList(0, 52), test, hp, options, events::add, null)) {
            List<TrainingProgress> epochs = epochs(events);
            double first = epochs.get(0).trainLoss();
            double last = epochs.get(epochs.size() - 1).trainLoss();
            System.out.printf("[model test] cgformer with graph-token readout, dropout 0.1, Huber loss: %.4f -> %.4f in 12 epochs%n", first,
                    last);
            assertTrue(last < first * 0.8, "loss fell only from " + first + " to " + last);
            assertEquals("token", model.descriptor().hyperParameters().get("readout").asText());
            before = model.predict(test.stream().map(Sample::graph).toList());
            model.save(folder);
        }
        try (TrainedModel loaded = cgformer.load(folder)) {
            assertArrayEquals(before, loaded.predict(test.stream().map(Sample::graph).toList()), 0.0);
        }
        ObjectNode bad = small(cgformer).put("readout", "sum");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> cgformer.train(samples, List.of(), bad, options, null, null));
        assertTrue(e.getMessage().contains("must be mean or token"), e.getMessage());
    }
}
