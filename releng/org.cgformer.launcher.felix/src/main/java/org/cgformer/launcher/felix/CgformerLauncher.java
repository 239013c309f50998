package org.cgformer.launcher.felix;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.felix.framework.FrameworkFactory;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Headless {@code cgformer} runtime: boots Apache Felix with the bundles of
 * {@code $CGFORMER_HOME/bundles}, waits for the command-line service of bundle
 * {@code org.cgformer.cli} and runs one command with it.
 *
 * <p>The framework cache is kept between runs (see {@link CacheFolder}) so bundles, and the native
 * jars embedded in them, are unpacked once, not at every command.
 */
public final class CgformerLauncher {

    /** Service interface of the command line, looked up by name: the launcher shares no classes with bundles. */
    static final String RUNNER_SERVICE = "org.cgformer.cli.api.CommandLineRunner";
    /** Exit code when the runtime itself cannot start (as opposed to a command failing). */
    static final int RUNTIME_FAILURE = 3;
    private static final long SERVICE_TIMEOUT_MS = 30_000;

    private CgformerLauncher() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        Path home = Paths.get(System.getProperty("cgformer.home", ".")).toAbsolutePath().normalize();
        Path bundleFolder = home.resolve("bundles");
        try {
            List<Path> jars = bundleJars(bundleFolder);
            try (CacheFolder cache = CacheFolder.open(home, jars)) {
                Framework framework = start(cache, jars);
                try {
                    return runCommand(framework.getBundleContext(), args);
                } finally {
                    framework.stop();
                    framework.waitForStop(10_000);
                }
            }
        } catch (IOException | BundleException | InterruptedException | RuntimeException e) {
            System.err.println("cgformer: the runtime in " + home + " could not start: " + e);
            return RUNTIME_FAILURE;
        }
    }

    static List<Path> bundleJars(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException("no bundle folder " + folder + " (is CGFORMER_HOME right? build with ./mvnw package)");
        }
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> jars = files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
            if (jars.isEmpty()) {
                throw new IOException("no bundles (*.jar) in " + folder);
            }
            return jars;
        }
    }

    private static Framework start(CacheFolder cache, List<Path> jars) throws BundleException {
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, cache.storage().toString());
        if (cache.needsInstall()) {
            config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        }
        config.put("felix.log.level", "1");
        // JDK-internal packages some libraries (JNA, DJL) probe reflectively
        config.put(Constants.FRAMEWORK_BOOTDELEGATION, "sun.*,com.sun.*,jdk.internal.*");
        Framework framework = new FrameworkFactory().newFramework(config);
        framework.init();
        if (cache.needsInstall()) {
            install(framework.getBundleContext(), jars);
            cache.markInstalled();
        }
        framework.start();
        reportBundlesThatDidNotStart(framework.getBundleContext());
        return framework;
    }

    private static void install(BundleContext context, List<Path> jars) throws BundleException {
        List<Bundle> installed = new ArrayList<>();
        for (Path jar : jars) {
            installed.add(context.installBundle(jar.toUri().toString()));
        }
        for (Bundle bundle : installed) {
            if (!isFragment(bundle)) {
                // marks the bundle for start; it starts with the framework, lazily if its manifest says so
                bundle.start(Bundle.START_ACTIVATION_POLICY);
            }
        }
    }

    /** A bundle that cannot resolve would otherwise only show up as a missing command. */
    private static void reportBundlesThatDidNotStart(BundleContext context) {
        for (Bundle bundle : context.getBundles()) {
            boolean running = bundle.getState() == Bundle.ACTIVE || bundle.getState() == Bundle.STARTING;
            if (!running && !isFragment(bundle)) {
                try {
                    bundle.start(Bundle.START_ACTIVATION_POLICY);
                } catch (BundleException e) {
                    System.err.println("cgformer: warning: bundle " + bundle.getSymbolicName() + " " + bundle.getVersion()
                            + " did not start: " + e.getMessage());
                }
            }
        }
    }

    private static boolean isFragment(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        return revision != null && (revision.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
    }

    private static int runCommand(BundleContext context, String[] args) throws InterruptedException {
        ServiceTracker<Object, Object> tracker = new ServiceTracker<>(context, RUNNER_SERVICE, null);
        tracker.open();
        try {
            Object runner = tracker.waitForService(SERVICE_TIMEOUT_MS);
            if (runner == null) {
                System.err.println("cgformer: the command line service " + RUNNER_SERVICE
                        + " did not appear; is bundle org.cgformer.cli in the bundles folder and resolved?");
                return RUNTIME_FAILURE;
            }
            try (InterruptedCommand guard = InterruptedCommand.guard()) {
                return invoke(runner, args);
            }
        } finally {
            tracker.close();
        }
    }

    private static int invoke(Object runner, String[] args) {
        try {
            Method execute = runner.getClass().getMethod("execute", String[].class);
            return (Integer) execute.invoke(runner, (Object) args);
        } catch (InvocationTargetException e) {
            System.err.println("cgformer: " + e.getCause());
            return RUNTIME_FAILURE;
        } catch (ReflectiveOperationException e) {
            System.err.println("cgformer: the command line service does not match this launcher: " + e);
            return RUNTIME_FAILURE;
        }
    }
}
