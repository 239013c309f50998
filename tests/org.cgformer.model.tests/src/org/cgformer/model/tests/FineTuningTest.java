package org.cgformer.model.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cgformer.ml.api.FineTuning;
import org.cgformer.ml.api.Sample;
import org.cgformer.ml.api.TrainedModel;
import org.cgformer.ml.api.TrainingOptions;
import org.cgformer.ml.api.TrainingRequest;
import org.cgformer.model.djl.DjlPropertyModel;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Fine-tuning does what it says: the parameters of frozen layer groups (batch-norm running statistics included) are
 * bit-identical to the parent's after training, and a reset head starts from a fresh initialisation, not from the
 * parent's head. Values are compared parameter by parameter, never through losses.
 */
class FineTuningTest {

    private static final TrainingOptions PARENT = TrainingOptions.defaults().withEpochs(6).withBatchSize(5).withLearningRate(5e-3)
            .withPatience(0);

    /**
     * The layer group a DJL parameter name belongs to, from the name of the network's child block that holds it (after
     * DJL's two-digit child position) or the network's own parameter: an oracle written independently of the models'
     * own resolution of their groups.
     */
    private static String group(String parameter) {
        String child = parameter.replaceFirst("^\\d{2}", "");
        if (child.matches("embedding_.*")) {
            return "embedding";
        }
        if (child.matches("conv_\\d+_.*")) {
            return "conv";
        }
        if (child.matches("(hidden|output|atom_hidden|atom_output|graph_output)_.*")) {
            return "head";
        }
        if (child.matches("interaction_\\d+_.*")) {
            return "interaction";
        }
        if (child.matches("in_degree|out_degree")) {
            return "centrality";
        }
        if (child.matches("(attention_\\d+|final_norm)_.*|graph_token")) {
            return "attention";
        }
        throw new AssertionError("parameter " + parameter + " belongs to no layer group");
    }

    private static ObjectNode small(String model) {
        if (model.equals("schnet")) {
            return JsonNodeFactory.instance.objectNode().put("hiddenSize", 32).put("filterSize", 32).put("interactions", 2);
        }
        ObjectNode hp = JsonNodeFactory.instance.objectNode().put("hiddenSize", 32).put("headSize", 32);
        if (model.equals("cgformer")) {
            hp.put("ffnSize", 64).put("convLayers", 1).put("attentionLayers", 1);
        }
        return hp;
    }

    /** The featurizer whose graphs the model reads. */
    private static String featurizer(String model) {
        return model.equals("schnet") ? "rbf" : model;
    }

    @Test
    void layerGroupsComeFromTheBlockTreeAndCoverEveryParameterOnce() throws Exception {
        for (String name : List.of("cgcnn", "cgformer", "schnet")) {
            DjlPropertyModel model = (DjlPropertyModel) Fixtures.model(name);
            ObjectNode hp = small(name);
            if (name.equals("cgformer")) {
                hp.put("readout", "token"); // the graph token too
            }
            List<Sample> samples = Fixtures.samples(Fixtures.SAMPLE, featurizer(name), 1);
            try (TrainedModel trained = model.train(TrainingRequest.builder(samples, List.of()).hyperParameters(hp)
                    .options(PARENT.withEpochs(1)).build())) {
                Map<String, List<String>> groups = model.layerGroupParameterNames(trained);
                assertEquals(model.layerGroups(), groups.keySet());
                Map<String, String> groupOf = new java.util.HashMap<>();
                groups.forEach((g, ps) -> ps.forEach(p -> assertEquals(null, groupOf.put(p, g), name + ": " + p + " is in two groups")));
                assertEquals(model.parameterValues(trained).keySet(), groupOf.keySet(), name + ": parameters outside every group");
                groupOf.forEach((p, g) -> assertEquals(group(p), g, name + ": parameter " + p));
            }
        }
        assertEquals(List.of("embedding", "conv", "head"), List.copyOf(Fixtures.model("cgcnn").layerGroups()));
        assertEquals(List.of("embedding", "conv", "head", "centrality", "attention"), List.copyOf(Fixtures.model("cgformer").layerGroups()));
        assertEquals(List.of("embedding", "interaction", "head"), List.copyOf(Fixtures.model("schnet").layerGroups()));
    }

    @Test
    void cgcnnFrozenEmbeddingAndConvStayBitIdenticalBatchNormStatisticsIncluded() throws Exception {
        frozenGroupsStayBitIdentical("cgcnn");
    }

    @Test
    void cgformerFrozenEmbeddingAndConvStayBitIdenticalBatchNormStatisticsIncluded() throws Exception {
        frozenGroupsStayBitIdentical("cgformer");
    }

    @Test
    void schnetFrozenEmbeddingAndInteractionsStayBitIdentical() throws Exception {
        frozenGroupsStayBitIdentical("schnet");
    }

    @Test
    void cgcnnResetHeadStartsFromAFreshHeadOnTheParentsFrozenFeatures() throws Exception {
        resetHeadReinitialisesOnlyTheHead("cgcnn");
    }

    @Test
    void cgformerResetHeadStartsFromAFreshHeadOnTheParentsFrozenFeatures() throws Exception {
        resetHeadReinitialisesOnlyTheHead("cgformer");
    }

    /**
     * A frozen group between trained ones runs in inference mode while the gradient of the embedding flows through it:
     * its arrays must not be overwritten in place (the sigmoid of CGCNN's gate is kept by autograd).
     */
    @Test
    void finetunesWithOnlyTheMiddleLayersFrozen() throws Exception {
        for (String[] c : new String[][] {{"cgcnn", "conv"}, {"cgformer", "conv"}, {"cgformer", "attention"}}) {
            DjlPropertyModel model = (DjlPropertyModel) Fixtures.model(c[0]);
            List<Sample> samples = Fixtures.samples(Fixtures.SAMPLE, featurizer(c[0]), 1);
            try (TrainedModel parent = model.train(TrainingRequest.builder(samples, List.of()).hyperParameters(small(c[0])).options(PARENT)
                    .build());
                    TrainedModel child = model.train(TrainingRequest.builder(samples, List.of()).options(PARENT.withEpochs(2))
                            .fineTune(parent, null, new FineTuning(false, Set.of(c[1]))).build())) {
                Map<String, float[]> before = model.parameterValues(parent);
                Map<String, float[]> after = model.parameterValues(child);
                boolean embeddingMoved = before.keySet().stream().filter(k -> k.contains("embedding"))
                        .anyMatch(k -> !Arrays.equals(before.get(k), after.get(k)));
                assertTrue(embeddingMoved, c[0] + " with " + c[1] + " frozen: the embedding before it did not train");
            }
        }
    }

    /** Freeze embedding and conv, train a few epochs: those are bit-identical, every other parameter moved. */
    private static void frozenGroupsStayBitIdentical(String name) throws Exception {
        DjlPropertyModel model = (DjlPropertyModel) Fixtures.model(name);
        List<Sample> samples = Fixtures.samples(Fixtures.SAMPLE, featurizer(name), 1);
        Set<String> frozen = Set.of("embedding", name.equals("schnet") ? "interaction" : "conv");
        try (TrainedModel parent = model.train(TrainingRequest.builder(samples, List.of()).hyperParameters(small(name)).options(PARENT).build());
                TrainedModel child = model.train(TrainingRequest.builder(samples, List.of())
                        .options(PARENT.withEpochs(4).withLearningRate(1e-2)).fineTune(parent, null, new FineTuning(false, frozen))
                        .build())) {
            Map<String, float[]> before = model.parameterValues(parent);
            Map<String, float[]> after = model.parameterValues(child);
            assertEquals(before.keySet(), after.keySet());
            Set<String> kept = new LinkedHashSet<>();
            Set<String> moved = new LinkedHashSet<>();
            for (String p : before.keySet()) {
                (Arrays.equals(before.get(p), after.get(p)) ? kept : moved).add(p);
            }
            for (String p : before.keySet()) {
                if (frozen.contains(group(p))) {
                    assertTrue(kept.contains(p), name + ": frozen parameter " + p + " changed; changed: " + moved);
                } else {
                    assertTrue(moved.contains(p), name + ": trainable parameter " + p + " did not change");
                }
            }
            if (!name.equals("schnet")) { // SchNet has no batch norm
                assertTrue(kept.stream().anyMatch(p -> p.endsWith("runningMean")) && kept.stream().anyMatch(p -> p.endsWith("runningVar")),
                        "batch-norm statistics are among the compared parameters: " + kept);
            }
            long frozenValues = kept.stream().mapToLong(p -> before.get(p).length).sum();
            Map<?, ?> recorded = (Map<?, ?>) child.descriptor().metrics().get("fineTuning");
            assertEquals(frozenValues, ((Number) recorded.get("frozenValues")).longValue(), "model.json: " + recorded);
            assertEquals(0L, ((Number) recorded.get("resetValues")).longValue(), "model.json: " + recorded);
            System.out.printf("[model test] %s fine-tuned with %s frozen: %d parameter arrays bit-identical, %d trained%n", name, frozen,
                    kept.size(), moved.size());
        }
    }

    /**
     * Reset the head and freeze everything else, with a learning rate too small to move a weight by 1e-6: the head's
     * weights are far from the parent's (a fresh initialisation), everything else is bit-identical, and model.json says
     * so.
     */
    private static void resetHeadReinitialisesOnlyTheHead(String name) throws Exception {
        DjlPropertyModel model = (DjlPropertyModel) Fixtures.model(name);
        List<Sample> samples = Fixtures.samples(Fixtures.SAMPLE, name, 1);
        Set<String> frozen = new LinkedHashSet<>(model.layerGroups());
        frozen.remove("head");
        try (TrainedModel parent = model.train(TrainingRequest.builder(samples, List.of()).hyperParameters(small(name)).options(PARENT).build());
                TrainedModel child = model.train(TrainingRequest.builder(samples, List.of())
                        .options(PARENT.withEpochs(1).withLearningRate(1e-9)).fineTune(parent, null, new FineTuning(true, frozen))
                        .build())) {
            Map<String, float[]> before = model.parameterValues(parent);
            Map<String, float[]> after = model.parameterValues(child);
            int headWeights = 0;
            for (String p : before.keySet()) {
                if (group(p).equals("head") && p.endsWith("weight")) {
                    headWeights++;
                    double largest = 0;
                    for (int i = 0; i < before.get(p).length; i++) {
                        largest = Math.max(largest, Math.abs(before.get(p)[i] - after.get(p)[i]));
                    }
                    assertTrue(largest > 1e-2, name + ": head weight " + p + " is within " + largest + " of the parent's: not re-initialised");
                }
            }
            assertEquals(2, headWeights, "the head's weights were compared: " + before.keySet());
            for (String p : before.keySet()) {
                if (!group(p).equals("head")) {
                    assertTrue(Arrays.equals(before.get(p), after.get(p)), name + ": frozen parameter " + p + " changed");
                }
            }
            Map<?, ?> recorded = (Map<?, ?>) child.descriptor().metrics().get("fineTuning");
            assertEquals(Boolean.TRUE, recorded.get("resetHead"));
            assertEquals(List.copyOf(new java.util.TreeSet<>(frozen)), recorded.get("freeze"));
            long headValues = before.entrySet().stream().filter(e -> group(e.getKey()).equals("head")).mapToLong(e -> e.getValue().length)
                    .sum();
            assertEquals(headValues, ((Number) recorded.get("resetValues")).longValue(), "model.json: " + recorded);
            assertEquals(before.values().stream().mapToLong(v -> v.length).sum() - headValues,
                    ((Number) recorded.get("frozenValues")).longValue(), "model.json: " + recorded);
            assertFalse(frozen.isEmpty());
        }
    }
}
