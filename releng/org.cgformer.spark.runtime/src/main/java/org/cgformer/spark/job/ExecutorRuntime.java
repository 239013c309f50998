package org.cgformer.spark.job;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.cgformer.launcher.felix.EmbeddedRuntime;
import org.osgi.framework.BundleException;

/**
 * The cgformer runtime of one executor JVM: started by the first task, kept for the JVM's life, so that Felix, the
 * bundles and libtorch start once per executor and not once per partition (libtorch could not load a second time in
 * one JVM anyway).
 */
final class ExecutorRuntime {

    private static EmbeddedRuntime runtime;
    /** Tasks running now: the runtime is stopped at exit only when none is, since stopping under a libtorch call crashes. */
    private static final AtomicInteger RUNNING = new AtomicInteger();

    private ExecutorRuntime() {
    }

    /** Runs one cgformer command in this JVM's runtime, starting it first if needed; returns the exit code. */
    static int execute(String home, Map<String, String> properties, String[] args) throws IOException, BundleException, InterruptedException {
        EmbeddedRuntime started = started(home, properties);
        RUNNING.incrementAndGet();
        try {
            return started.execute(args);
        } finally {
            RUNNING.decrementAndGet();
        }
    }

    private static synchronized EmbeddedRuntime started(String home, Map<String, String> properties) throws IOException, BundleException {
        if (runtime == null) {
            // read by the bundles when they start: the installation, the libtorch cache, the torch threads
            properties.forEach(System::setProperty);
            System.setProperty("cgformer.home", home);
            EmbeddedRuntime started = EmbeddedRuntime.start(Path.of(home));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(started), "cgformer-runtime-stop"));
            runtime = started;
        }
        return runtime;
    }

    private static void stop(EmbeddedRuntime started) {
        if (RUNNING.get() > 0) {
            return; // the executor was killed mid-task; the process ends anyway
        }
        try {
            started.close();
        } catch (IOException | InterruptedException e) {
            // the JVM is exiting: nothing left to tell
        }
    }
}
