package org.cgformer.launcher.felix;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.osgi.framework.BundleException;

/**
 * Headless {@code cgformer} runtime: boots Apache Felix with the bundles of {@code $CGFORMER_HOME/bundles} (an
 * {@link EmbeddedRuntime}), runs one command with the command-line service of bundle {@code org.cgformer.cli} and
 * stops the framework.
 *
 * <p>The framework cache is kept between runs (see {@link CacheFolder}) so bundles, and the native
 * jars embedded in them, are unpacked once, not at every command.
 */
public final class CgformerLauncher {

    /** Exit code when the runtime itself cannot start (as opposed to a command failing). */
    static final int RUNTIME_FAILURE = EmbeddedRuntime.RUNTIME_FAILURE;

    private CgformerLauncher() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        Path home = Paths.get(System.getProperty("cgformer.home", ".")).toAbsolutePath().normalize();
        try (EmbeddedRuntime runtime = EmbeddedRuntime.start(home)) {
            try (InterruptedCommand guard = InterruptedCommand.guard()) {
                return runtime.execute(args);
            }
        } catch (IOException | BundleException | InterruptedException | RuntimeException e) {
            System.err.println("cgformer: the runtime in " + home + " could not start: " + e);
            return RUNTIME_FAILURE;
        }
    }
}
