package org.cgformer.djl.internal;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.Callable;

import org.cgformer.djl.api.TensorRuntime;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.pytorch.jni.LibUtils;

/**
 * DS component offering the PyTorch engine. It is a delayed component: libtorch (about 450 MB
 * unpacked) is loaded only when a bundle first uses the service, so commands that need no
 * tensors start fast.
 */
public class PyTorchRuntime implements TensorRuntime {

    static final String ENGINE = "PyTorch";

    private RuntimeSettings settings;
    private Engine engine;

    public void activate() {
        settings = RuntimeSettings.fromEnvironment();
        settings.prepareCacheFolder();
        settings.checkSpaceForExtraction(settings.cacheFolder.resolve("pytorch"));
        settings.applyToDjl();
        try {
            engine = callInEngineContext(() -> Engine.getEngine(ENGINE));
        } catch (Exception | LinkageError e) {
            throw new IllegalStateException("Could not start the " + ENGINE + " engine of DJL from the natives in bundle "
                    + "org.cgformer.djl (cache folder " + settings.cacheFolder + "): " + e, e);
        }
        // thread counts are process-wide in libtorch; set them again in case the engine was already up
        JniUtils.setNumThreads(settings.intraOpThreads);
    }

    public void deactivate() {
        // libtorch cannot be unloaded from a running JVM: a refreshed bundle needs a restart
        engine = null;
    }

    @Override
    public String engineName() {
        return engine.getEngineName();
    }

    @Override
    public String engineVersion() {
        return engine.getVersion();
    }

    @Override
    public String djlVersion() {
        return Engine.getDjlVersion();
    }

    @Override
    public int intraOpThreads() {
        return JniUtils.getNumThreads();
    }

    @Override
    public int interOpThreads() {
        return JniUtils.getNumInteropThreads();
    }

    @Override
    public Path nativeLibraryFolder() {
        return Paths.get(LibUtils.getLibtorchPath());
    }

    @Override
    public NDManager newManager() {
        return engine.newBaseManager();
    }

    @Override
    public Model newModel(String name) {
        return engine.newModel(name, null);
    }

    @Override
    public <T> T callInEngineContext(Callable<T> work) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(PyTorchRuntime.class.getClassLoader());
        try {
            return work.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
