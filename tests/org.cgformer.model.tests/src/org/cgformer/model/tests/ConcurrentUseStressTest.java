package org.cgformer.model.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.cgformer.graph.api.CrystalGraph;
import org.cgformer.graph.api.Featurizer;
import org.cgformer.graph.api.FeaturizerRegistry;
import org.cgformer.graph.api.GraphOptions;
import org.cgformer.ml.api.Dataset;
import org.cgformer.ml.api.PropertyModel;
import org.cgformer.ml.api.Sample;
import org.cgformer.ml.api.TrainedModel;
import org.cgformer.ml.api.TrainingOptions;
import org.cgformer.structure.api.StructureReader;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Many small trainings and predictions in one runtime, on several threads at once, while other threads featurize:
 * what a screening or the workbench does. A native crash (libtorch) kills the test JVM and fails the build; an
 * exception on any thread fails the test.
 */
class ConcurrentUseStressTest {

    /** Train-and-predict rounds of the training thread (each trains a new model, predicts, closes it). */
    private static final int ROUNDS = 300;
    /** Stop early after this long, so the test stays short on a loaded machine; the counts are still checked. */
    private static final long BUDGET_MS = 45_000;

    private static ObjectNode tiny(String model) {
        ObjectNode hp = JsonNodeFactory.instance.objectNode().put("hiddenSize", 8).put("headSize", 8).put("convLayers", 1);
        if (model.equals("cgformer")) {
            hp.put("ffnSize", 16).put("heads", 2).put("attentionLayers", 1);
        }
        return hp;
    }

    @Test
    void trainsAndPredictsOnSeveralThreadsWhileFeaturizing() throws Exception {
        List<Sample> cgformerSamples = Fixtures.samples(Fixtures.SAMPLE, "cgformer", 1);
        List<Sample> cgcnnSamples = Fixtures.samples(Fixtures.SAMPLE, "cgcnn", 1);
        PropertyModel cgformer = Fixtures.model("cgformer");
        PropertyModel cgcnn = Fixtures.model("cgcnn");
        Featurizer featurizer = Fixtures.service(FeaturizerRegistry.class).get("cgformer");
        List<StructureReader> readers = Fixtures.services(StructureReader.class);
        Dataset dataset = Dataset.read(Fixtures.data(Fixtures.SAMPLE));
        TrainingOptions options = TrainingOptions.defaults().withEpochs(1).withBatchSize(4).withPatience(0);
        List<CrystalGraph> graphs = cgformerSamples.stream().map(Sample::graph).toList();

        AtomicBoolean stop = new AtomicBoolean();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger trainings = new AtomicInteger();
        AtomicInteger predictions = new AtomicInteger();
        AtomicInteger featurized = new AtomicInteger();
        long deadline = System.currentTimeMillis() + BUDGET_MS;
        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<Future<?>> work = new ArrayList<>();
        int n = cgformerSamples.size();
        try (TrainedModel shared = cgformer.train(cgformerSamples.subList(0, 7), cgformerSamples.subList(7, n), tiny("cgformer"), options, null,
                null)) {
            double[] expected = shared.predict(graphs);
            // two threads predict with one long-lived model: the values must not depend on what runs beside them
            for (int t = 0; t < 2; t++) {
                work.add(threads.submit(() -> guard(failures, stop, () -> {
                    while (!stop.get()) {
                        double[] again = shared.predict(graphs);
                        for (int i = 0; i < again.length; i++) {
                            if (Math.abs(again[i] - expected[i]) > 1e-5 * Math.max(1, Math.abs(expected[i]))) {
                                throw new AssertionError("prediction " + i + " changed under concurrent use: " + again[i] + " vs " + expected[i]);
                            }
                        }
                        predictions.incrementAndGet();
                    }
                })));
            }
            work.add(threads.submit(() -> guard(failures, stop, () -> {
                while (!stop.get()) {
                    List<Sample> s = dataset.samples(featurizer, GraphOptions.defaults(), readers);
                    featurized.addAndGet(s.size());
                }
            })));
            // this thread: new models trained, used and closed while the others run
            for (int round = 0; round < ROUNDS && failures.isEmpty() && System.currentTimeMillis() < deadline; round++) {
                boolean attention = round % 2 == 0;
                List<Sample> samples = attention ? cgformerSamples : cgcnnSamples;
                PropertyModel type = attention ? cgformer : cgcnn;
                try (TrainedModel model = type.train(samples.subList(0, 7), samples.subList(7, n), tiny(type.name()), options, null, null)) {
                    double[] values = model.predict(samples.stream().map(Sample::graph).toList());
                    assertEquals(samples.size(), values.length);
                    for (double v : values) {
                        assertTrue(Double.isFinite(v), type.name() + " predicted " + v);
                    }
                }
                trainings.incrementAndGet();
            }
            stop.set(true);
            for (Future<?> f : work) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            stop.set(true);
            threads.shutdown();
            assertTrue(threads.awaitTermination(60, TimeUnit.SECONDS), "worker threads did not stop");
        }
        if (!failures.isEmpty()) {
            AssertionError error = new AssertionError(failures.size() + " failure(s) under concurrent use, first: " + failures.peek(),
                    failures.peek());
            failures.stream().skip(1).forEach(error::addSuppressed);
            throw error;
        }
        System.out.printf("ConcurrentUseStressTest: %d trainings, %d predictions of %d graphs, %d structures featurized%n", trainings.get(),
                predictions.get(), graphs.size(), featurized.get());
        assertTrue(trainings.get() >= 10, "only " + trainings.get() + " train-and-predict rounds in " + BUDGET_MS + " ms");
        assertTrue(predictions.get() >= 10, "only " + predictions.get() + " concurrent predictions");
    }

    private interface Work {
        void run() throws Exception;
    }

    private static void guard(ConcurrentLinkedQueue<Throwable> failures, AtomicBoolean stop, Work work) {
        try {
            work.run();
        } catch (Throwable t) {
            failures.add(t);
            stop.set(true);
        }
    }
}
