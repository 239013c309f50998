package org.cgformer.launcher.felix;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * A started Felix framework with the bundles of one {@code cgformer} installation ({@code HOME/bundles}), in which
 * {@code cgformer} commands run: the {@code cgformer} launcher runs one and stops; a host that is not OSGi (a Spark
 * executor) keeps one for the life of its JVM and runs a command per task. Only strings cross the boundary: the
 * command-line service is looked up by its interface name and called reflectively, so the host shares no classes
 * with the bundles.
 *
 * <p>One JVM can hold one runtime that uses the deep-learning engine: libtorch's native library loads into one class
 * loader per process.
 */
public final class EmbeddedRuntime implements AutoCloseable {

    /** Service interface of the command line, looked up by name. */
    static final String RUNNER_SERVICE = "org.cgformer.cli.api.CommandLineRunner";
    /** Exit code when the runtime itself cannot start or the command cannot be called (as opposed to a command failing). */
    public static final int RUNTIME_FAILURE = 3;
    private static final long SERVICE_TIMEOUT_MS = 30_000;

    private final Path home;
    private final CacheFolder cache;
    private final Framework framework;
    private final ServiceTracker<Object, Object> runners;

    private EmbeddedRuntime(Path home, CacheFolder cache, Framework framework) {
        this.home = home;
        this.cache = cache;
        this.framework = framework;
        this.runners = new ServiceTracker<>(framework.getBundleContext(), RUNNER_SERVICE, null);
        runners.open();
    }

    /**
     * Starts the bundles of the installation in {@code home}.
     *
     * @throws IOException when {@code home/bundles} is missing or holds no bundle
     */
    public static EmbeddedRuntime start(Path home) throws IOException, BundleException {
        Path bundleFolder = home.resolve("bundles");
        List<Path> jars = bundleJars(bundleFolder);
        CacheFolder cache = CacheFolder.open(home, jars);
        try {
            return new EmbeddedRuntime(home, cache, startFramework(cache, jars));
        } catch (BundleException | RuntimeException e) {
            cache.close();
            throw e;
        }
    }

    /** The installation folder. */
    public Path home() {
        return home;
    }

    /**
     * Runs one {@code cgformer} command (its arguments, as typed after {@code cgformer}) and returns its exit code;
     * the command prints to this JVM's standard output and error.
     */
    public int execute(String... args) throws InterruptedException {
        Object runner = runners.waitForService(SERVICE_TIMEOUT_MS);
        if (runner == null) {
            System.err.println("cgformer: the command line service " + RUNNER_SERVICE
                    + " did not appear; is bundle org.cgformer.cli in the bundles folder and resolved?");
            return RUNTIME_FAILURE;
        }
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

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            runners.close();
            framework.stop();
            framework.waitForStop(10_000);
        } catch (BundleException e) {
            throw new IOException("the framework of " + home + " did not stop: " + e.getMessage(), e);
        } finally {
            cache.close();
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

    private static Framework startFramework(CacheFolder cache, List<Path> jars) throws BundleException {
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
}
