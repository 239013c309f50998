package org.cgformer.djl.api;

import java.util.function.Supplier;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Whether the engine records the operations of this thread for back-propagation (libtorch's grad mode), and a way to
 * switch that off for a piece of work. DJL's public API has no such switch: model bundles use this one instead of the
 * PyTorch engine's JNI classes, so they depend on DJL's API and this bundle only.
 *
 * <p>The mode is per thread and on by default in libtorch, except on the thread that started the engine. A
 * {@code GradientCollector} switches it on while it is open. The methods are static because the blocks that ask
 * ({@code forward} of a DJL block) have no reference to the {@link TensorRuntime} service; they need the engine to be
 * started, which any {@code NDArray} they hold implies.
 *
 * @since 1.1
 */
public final class Autograd {

    private Autograd() {
    }

    /** Whether this thread records gradients now (libtorch's grad mode). */
    public static boolean isRecording() {
        return JniUtils.isGradMode();
    }

    /**
     * Runs {@code work} with gradient recording off on this thread and restores the previous mode afterwards, also when
     * {@code work} throws: inference then keeps no autograd history and may overwrite its intermediate arrays.
     */
    public static <T> T withoutRecording(Supplier<T> work) {
        boolean recording = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            return work.get();
        } finally {
            JniUtils.setGradMode(recording);
        }
    }
}
