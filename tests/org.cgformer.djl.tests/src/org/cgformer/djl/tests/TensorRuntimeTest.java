package org.cgformer.djl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;

import org.cgformer.djl.api.TensorRuntime;
import org.junit.jupiter.api.Test;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

class TensorRuntimeTest {

    @Test
    void loadsPyTorchFromTheEmbeddedNativesOffline() throws Exception {
        TensorRuntime runtime = Services.get(TensorRuntime.class);
        assertEquals("PyTorch", runtime.engineName());
        assertEquals("2.7.1", runtime.engineVersion());
        assertEquals("0.36.0", runtime.djlVersion());
        assertTrue(Files.isDirectory(runtime.nativeLibraryFolder()), "libtorch folder " + runtime.nativeLibraryFolder());
        String cache = System.getProperty("cgformer.djl.cache");
        if (cache != null) {
            assertTrue(runtime.nativeLibraryFolder().startsWith(cache),
                    "libtorch extracted to " + runtime.nativeLibraryFolder() + ", not to the configured cache " + cache);
        }
        assertTrue(runtime.intraOpThreads() >= 1);
        try (NDManager manager = runtime.newManager()) {
            NDArray product = manager.ones(new Shape(3, 4)).matMul(manager.ones(new Shape(4, 2)));
            assertEquals(24f, product.sum().getFloat(), 1e-6f);
        }
    }

    @Test
    void trainsATinyNetworkAndTheLossFalls() throws Exception {
        TensorRuntime runtime = Services.get(TensorRuntime.class);
        Engine.getInstance().setRandomSeed(7);
        try (NDManager manager = runtime.newManager(); Model model = runtime.newModel("tiny-mlp")) {
            model.setBlock(new SequentialBlock()
                    .add(Linear.builder().setUnits(16).build())
                    .add(Activation::tanh)
                    .add(Linear.builder().setUnits(1).build()));
            // y = sin(x1) + 0.5 x2^2: non-linear, so the loss only falls if back-propagation works
            NDArray x = manager.randomUniform(-2f, 2f, new Shape(256, 2), DataType.FLOAT32);
            NDArray y = x.get(":, 0").sin().add(x.get(":, 1").pow(2).mul(0.5f)).reshape(256, 1);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.02f)).build());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(256, 2));
                float first = step(trainer, x, y);
                float last = first;
                for (int epoch = 1; epoch < 300; epoch++) {
                    last = step(trainer, x, y);
                }
                System.out.printf("[djl test] full-batch L2 loss %.4f -> %.4f after 300 Adam steps%n", first, last);
                assertTrue(Float.isFinite(last), "loss became " + last);
                assertTrue(last < first / 5, "loss fell only from " + first + " to " + last);
            }
        }
    }

    private static float step(Trainer trainer, NDArray x, NDArray y) {
        float loss;
        try (GradientCollector collector = trainer.newGradientCollector()) {
            NDList prediction = trainer.forward(new NDList(x));
            NDArray value = trainer.getLoss().evaluate(new NDList(y), prediction);
            loss = value.getFloat();
            collector.backward(value);
        }
        trainer.step();
        return loss;
    }
}
