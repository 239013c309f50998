package org.cgformer.djl.api;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;

/**
 * The tensor engine of the product: DJL with the PyTorch CPU engine, loaded offline from the
 * natives shipped in this bundle. Model bundles obtain it as an OSGi service and never call
 * {@code Engine.getInstance()} before it is active, because DJL discovers its engine through the
 * thread context class loader, which OSGi does not set.
 *
 * <p>Native memory is scoped: every {@link NDManager} returned here must be closed by the caller,
 * typically with try-with-resources, and short-lived arrays go in {@code newSubManager()}.
 */
public interface TensorRuntime {

    /** Engine name as DJL reports it, e.g. {@code PyTorch}. */
    String engineName();

    /** Version of the native engine, e.g. {@code 2.7.1}. */
    String engineVersion();

    /** Version of the DJL API embedded in this bundle, e.g. {@code 0.36.0}. */
    String djlVersion();

    /** Threads used inside one operator (PyTorch intra-op parallelism). */
    int intraOpThreads();

    /** Threads used to run independent operators concurrently (PyTorch inter-op parallelism). */
    int interOpThreads();

    /** Folder the native library was extracted to (or found in). */
    Path nativeLibraryFolder();

    /** A new root manager on the engine; the caller owns it and must close it. */
    NDManager newManager();

    /** A new, empty DJL model on the engine; the caller owns it and must close it. */
    Model newModel(String name);

    /**
     * Runs work that may make DJL look up providers with {@link java.util.ServiceLoader} (model
     * loading, translators) with this bundle's class loader as the thread context class loader.
     */
    <T> T callInEngineContext(Callable<T> work) throws Exception;
}
