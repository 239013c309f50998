package org.cgformer.djl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.cgformer.djl.api.Autograd;
import org.cgformer.djl.api.TensorRuntime;
import org.junit.jupiter.api.Test;

import ai.djl.engine.Engine;
import ai.djl.training.GradientCollector;

/** {@link Autograd}: the engine's per-thread gradient recording, seen and switched without the PyTorch JNI classes. */
class AutogradTest {

    @Test
    void recordsWhileAGradientCollectorIsOpenAndNotInsideWithoutRecording() throws Exception {
        Services.get(TensorRuntime.class); // starts the engine
        // a fresh thread: libtorch's default mode there (on), not the engine-starting thread's (off)
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            thread.submit(() -> {
                boolean before = Autograd.isRecording();
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    assertTrue(Autograd.isRecording(), "a gradient collector is open");
                    assertFalse(Autograd.withoutRecording(Autograd::isRecording), "inside withoutRecording");
                    assertTrue(Autograd.isRecording(), "the mode is restored after withoutRecording");
                }
                assertEquals(before, Autograd.isRecording(), "closing the collector restores the thread's mode");
                return null;
            }).get();
        } finally {
            thread.shutdown();
        }
    }

    @Test
    void restoresTheModeWhenTheWorkThrows() throws Exception {
        Services.get(TensorRuntime.class);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            assertThrows(IllegalStateException.class, () -> Autograd.withoutRecording(() -> {
                throw new IllegalStateException("work failed");
            }));
            assertTrue(Autograd.isRecording(), "recording again after the failed work");
        }
    }
}
