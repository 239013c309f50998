package org.cgformer.model.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.cgformer.graph.api.CrystalGraph;
import org.cgformer.graph.api.Featurizer;
import org.cgformer.graph.api.FeaturizerRegistry;
import org.cgformer.ml.api.PropertyModel;
import org.cgformer.ml.api.Sample;
import org.cgformer.ml.api.TrainedModel;
import org.cgformer.ml.api.TrainingOptions;
import org.cgformer.ml.api.TrainingProgress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** SchNet and the rbf featurizer, two bundles written against the APIs only, found as services by name. */
class SchnetModelTest {

    @TempDir
    Path temp;

    @Test
    void rbfFeaturizerGivesOneHotElementsGaussiansAndTheCosineEnvelope() throws Exception {
        Featurizer rbf = Fixtures.service(FeaturizerRegistry.class).get("rbf");
        assertEquals(100, rbf.nodeColumns().size());
        assertEquals(82, rbf.edgeColumns().size());
        assertEquals("cosine_cutoff", rbf.edgeColumns().get(81).name());
        CrystalGraph g = Fixtures.samples(Fixtures.SAMPLE, "rbf", 1).get(0).graph();
        int m = g.maxNeighbours();
        double cutoff = g.topology().options().cutoffAngstrom();
        for (int i = 0; i < g.nodes(); i++) {
            float total = 0;
            for (int z = 0; z < 100; z++) {
                total += g.nodeFeature(i, z);
            }
            assertEquals(1f, total, 1e-6f, "an ordered site has one element, node " + i);
            for (int s = 0; s < m; s++) {
                double envelope = g.edgeFeature(i, s, 81);
                if (!g.topology().isEdge(i, s)) {
                    assertEquals(0, envelope, "padding slot " + i + "/" + s);
                    continue;
                }
                double d = g.topology().distance(i, s);
                assertEquals(0.5 * (Math.cos(Math.PI * d / cutoff) + 1), envelope, 1e-6, "envelope at d = " + d);
                int nearest = (int) Math.round(d / 0.1);
                assertEquals(Math.exp(-10 * Math.pow(d - nearest * 0.1, 2)), g.edgeFeature(i, s, nearest), 1e-5, "Gaussian at d = " + d);
            }
        }
    }

    @Test
    void schnetLossFallsAndSaveLoadGivesIdenticalPredictions() throws Exception {
        PropertyModel schnet = Fixtures.model("schnet");
        assertEquals("rbf", schnet.defaultFeaturizer());
        List<Sample> samples = Fixtures.samples(Fixtures.SAMPLE, "rbf", 1);
        ObjectNode hp = JsonNodeFactory.instance.objectNode().put("hiddenSize", 32).put("filterSize", 32).put("interactions", 2);
        List<TrainingProgress> events = new ArrayList<>();
        TrainingOptions options = TrainingOptions.defaults().withEpochs(30).withBatchSize(5).withLearningRate(3e-3).withPatience(0);
        Path folder = temp.resolve("schnet");
        double[] before;
        try (TrainedModel model = schnet.train(samples, List.of(), hp, options, events::add, null)) {
            List<TrainingProgress> epochs = events.stream().filter(TrainingProgress::endOfEpoch).toList();
            assertEquals(30, epochs.size());
            double first = epochs.get(0).trainLoss();
            double last = epochs.get(epochs.size() - 1).trainLoss();
            System.out.printf("[model test] schnet on cgcnn_sample: training MSE (normalised) %.4f -> %.4f in 30 epochs%n", first, last);
            assertTrue(last < first / 2, "loss fell only from " + first + " to " + last);
            before = model.predict(samples.stream().map(Sample::graph).toList());
            model.save(folder);
        }
        try (TrainedModel loaded = schnet.load(folder)) {
            assertArrayEquals(before, loaded.predict(samples.stream().map(Sample::graph).toList()), 0.0);
            assertEquals("rbf", loaded.descriptor().featurizer());
            assertEquals(2, loaded.descriptor().hyperParameters().get("interactions").asInt());
        }
    }

    @Test
    void schnetRefusesGraphsWithoutTheEnvelopeAndBadPooling() throws Exception {
        PropertyModel schnet = Fixtures.model("schnet");
        List<Sample> cgcnn = Fixtures.samples(Fixtures.SAMPLE, "cgcnn", 1);
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> schnet.train(cgcnn, List.of(), null, TrainingOptions.defaults().withEpochs(1), null, null));
        assertTrue(wrong.getMessage().contains("use --featurizer rbf"), wrong.getMessage());
        List<Sample> rbf = Fixtures.samples(Fixtures.SAMPLE, "rbf", 1);
        ObjectNode pooling = JsonNodeFactory.instance.objectNode().put("pooling", "max");
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> schnet.train(rbf, List.of(), pooling, TrainingOptions.defaults().withEpochs(1), null, null));
        assertTrue(bad.getMessage().contains("pooling must be 'mean' or 'sum', got 'max'"), bad.getMessage());
    }
}
