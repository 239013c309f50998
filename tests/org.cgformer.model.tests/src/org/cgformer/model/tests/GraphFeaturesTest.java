package org.cgformer.model.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
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
import org.cgformer.ml.api.TrainingRequest;
import org.cgformer.model.djl.DjlPropertyModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Graph-level features reach the networks (issue 15): with the cgformer featurizer's 13 graph columns (lattice system,
 * volume per site, density, ...), a model's prediction changes when only those columns change, and one trained with
 * {@code graphFeatures=false} ignores them; a model saved before the hyper-parameter existed loads as one without them.
 * SchNet joins them as a linear term, but its featurizer (rbf) has none, like cgcnn's.
 */
class GraphFeaturesTest {

    private static final TrainingOptions TINY = TrainingOptions.defaults().withEpochs(3).withBatchSize(5).withLearningRate(5e-3)
            .withPatience(0);

    private static ObjectNode small(String model, boolean graphFeatures) {
        ObjectNode hp = model.equals("schnet") ? JsonNodeFactory.instance.objectNode().put("hiddenSize", 16).put("filterSize", 16)
                .put("interactions", 1) : JsonNodeFactory.instance.objectNode().put("hiddenSize", 16).put("headSize", 16);
        if (model.equals("cgformer")) {
            hp.put("ffnSize", 32).put("convLayers", 1).put("attentionLayers", 1);
        }
        return hp.put(DjlPropertyModel.GRAPH_FEATURES, graphFeatures);
    }

    @Test
    void cgcnnReadsTheGraphColumns() throws Exception {
        readsTheGraphColumnsOnlyWhenAsked("cgcnn");
    }

    @Test
    void cgformerReadsTheGraphColumns() throws Exception {
        readsTheGraphColumnsOnlyWhenAsked("cgformer");
    }

    @Test
    void aFeaturizerWithoutGraphColumnsGivesANetworkThatSaysItReadsNone() throws Exception {
        // SchNet reads the rbf featurizer, which has no graph-level columns (nor has cgcnn's)
        List<Sample> samples = Fixtures.samples(Fixtures.SAMPLE, "rbf", 4);
        try (TrainedModel trained = Fixtures.model("schnet").train(TrainingRequest.builder(samples, List.of())
                .hyperParameters(small("schnet", true)).options(TINY.withEpochs(1)).build())) {
            assertFalse(trained.descriptor().hyperParameters().path(DjlPropertyModel.GRAPH_FEATURES).asBoolean(true));
        }
    }

    private static void readsTheGraphColumnsOnlyWhenAsked(String name) throws Exception {
        PropertyModel model = Fixtures.model(name);
        // the cgformer featurizer for all three: the one with graph-level columns
        List<Sample> samples = Fixtures.samples(Fixtures.SAMPLE, "cgformer", 2);
        Featurizer featurizer = Fixtures.service(FeaturizerRegistry.class).get("cgformer");
        assertEquals(13, featurizer.graphColumns().size());
        List<CrystalGraph> graphs = samples.stream().limit(6).map(Sample::graph).toList();
        List<CrystalGraph> shifted = new ArrayList<>();
        for (CrystalGraph g : graphs) {
            float[] columns = g.graphFeatures().clone();
            for (int c = 0; c < columns.length; c++) {
                columns[c] += 0.5f;
            }
            shifted.add(CrystalGraph.of(g.topology(), featurizer, g.nodeFeatures(), g.edgeFeatures(), columns));
        }
        try (TrainedModel with = model.train(TrainingRequest.builder(samples, List.of()).hyperParameters(small(name, true)).options(TINY)
                .build()); TrainedModel without = model.train(TrainingRequest.builder(samples, List.of()).hyperParameters(small(name, false))
                        .options(TINY).build())) {
            double[] a = with.predict(graphs);
            double[] b = with.predict(shifted);
            for (int i = 0; i < a.length; i++) {
                assertTrue(Math.abs(a[i] - b[i]) > 1e-6, name + " with graph features: graph " + i + " predicts " + a[i] + " both times");
            }
            assertArrayEquals(without.predict(graphs), without.predict(shifted), 0, name + " without graph features must ignore them");
            assertTrue(with.descriptor().hyperParameters().path(DjlPropertyModel.GRAPH_FEATURES).asBoolean());
            assertFalse(without.descriptor().hyperParameters().path(DjlPropertyModel.GRAPH_FEATURES).asBoolean(true));
        }
    }

    @Test
    void aModelSavedBeforeGraphFeaturesLoadsWithoutThem(@TempDir Path folder) throws Exception {
        PropertyModel model = Fixtures.model("cgcnn");
        List<Sample> samples = Fixtures.samples(Fixtures.SAMPLE, "cgformer", 2);
        List<CrystalGraph> graphs = samples.stream().limit(4).map(Sample::graph).toList();
        double[] expected;
        try (TrainedModel trained = model.train(TrainingRequest.builder(samples, List.of()).hyperParameters(small("cgcnn", false))
                .options(TINY.withEpochs(1)).build())) {
            trained.save(folder);
            expected = trained.predict(graphs);
        }
        // as written before the hyper-parameter existed
        ObjectMapper json = new ObjectMapper();
        Path descriptor = folder.resolve("model.json");
        ObjectNode tree = (ObjectNode) json.readTree(descriptor.toFile());
        ((ObjectNode) tree.get("hyperParameters")).remove(DjlPropertyModel.GRAPH_FEATURES);
        json.writeValue(descriptor.toFile(), tree);
        assertFalse(Files.readString(descriptor).contains(DjlPropertyModel.GRAPH_FEATURES));
        try (TrainedModel loaded = model.load(folder)) {
            assertArrayEquals(expected, loaded.predict(graphs), 0);
        }
        // and a new model reads them by default
        assertTrue(((DjlPropertyModel) model).hyperParameters(null).path(DjlPropertyModel.GRAPH_FEATURES).asBoolean());
    }
}
