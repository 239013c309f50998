package org.cgformer.model.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.cgformer.djl.api.TensorRuntime;
import org.cgformer.graph.api.CrystalGraph;
import org.cgformer.ml.api.PropertyModel;
import org.cgformer.ml.api.Sample;
import org.cgformer.ml.api.TrainedModel;
import org.cgformer.ml.api.TrainingOptions;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.djl.ndarray.NDManager;

/**
 * Guards against native (libtorch) memory that grows with every training step or prediction: an array that an
 * operation on a parameter creates belongs to the parameter's manager, the model's, and lives until the model is
 * closed. The screening of the demo lost about 2 GB per CGformer member that way (docs/screening.md).
 */
class NativeMemoryTest {

    /** Arrays alive in the whole engine (every manager descends from the engine's system manager). */
    private static int liveArrays(TensorRuntime runtime) {
        try (NDManager probe = runtime.newManager()) {
            return probe.getParentManager().getManagedArrays().size();
        }
    }

    private static ObjectNode small(String model, String readout) {
        ObjectNode hp = JsonNodeFactory.instance.objectNode().put("hiddenSize", 16).put("headSize", 16).put("convLayers", 1);
        if (model.equals("cgformer")) {
            hp.put("ffnSize", 32).put("heads", 2).put("readout", readout);
        }
        return hp;
    }

    /** The model configurations checked: model name and readout. */
    private static final String[][] CONFIGURATIONS = {{"cgformer", "mean"}, {"cgformer", "token"}, {"cgcnn", "mean"}};

    @Test
    void repeatedPredictionsLeaveNoArraysBehind() throws Exception {
        TensorRuntime runtime = Fixtures.service(TensorRuntime.class);
        for (String[] c : CONFIGURATIONS) {
            List<Sample> samples = Fixtures.samples(Fixtures.SAMPLE, c[0], 1);
            List<CrystalGraph> graphs = samples.stream().map(Sample::graph).toList();
            try (TrainedModel trained = train(c, samples, 1)) {
                trained.predict(graphs);
                int before = liveArrays(runtime);
                for (int i = 0; i < 3; i++) {
                    trained.predict(graphs);
                }
                assertEquals(before, liveArrays(runtime),
                        c[0] + " (" + c[1] + " readout): native arrays alive after 3 more predictions of " + graphs.size() + " graphs");
            }
        }
    }

    @Test
    void moreEpochsLeaveNoMoreArraysBehind() throws Exception {
        TensorRuntime runtime = Fixtures.service(TensorRuntime.class);
        int[] epochs = {1, 4};
        for (String[] c : CONFIGURATIONS) {
            List<Sample> samples = Fixtures.samples(Fixtures.SAMPLE, c[0], 1);
            int[] alive = new int[epochs.length];
            for (int run = 0; run < epochs.length; run++) {
                int base = liveArrays(runtime);
                try (TrainedModel trained = train(c, samples, epochs[run])) {
                    alive[run] = liveArrays(runtime) - base;
                }
            }
            assertEquals(alive[0], alive[1], c[0] + " (" + c[1] + " readout): native arrays a trained model holds after " + epochs[0]
                    + " and after " + epochs[1] + " epochs (with validation after each)");
        }
    }

    /** Trains on all but the last three samples, validating on those. */
    private static TrainedModel train(String[] configuration, List<Sample> samples, int epochs) throws Exception {
        PropertyModel model = Fixtures.model(configuration[0]);
        int n = samples.size();
        TrainingOptions options = TrainingOptions.defaults().withEpochs(epochs).withBatchSize(4).withPatience(0);
        return model.train(samples.subList(0, n - 3), samples.subList(n - 3, n), small(configuration[0], configuration[1]), options, null,
                null);
    }
}
