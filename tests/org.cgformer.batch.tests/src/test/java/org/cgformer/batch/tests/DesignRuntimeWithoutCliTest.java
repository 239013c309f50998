package org.cgformer.batch.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.felix.framework.FrameworkFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;

/**
 * The design-space bundles are usable without the command line and the DJL runtime: {@code org.cgformer.design} with
 * {@code org.cgformer.design.model}, {@code org.cgformer.structure}(+{@code .io}), EMF, Jackson and SCR resolve and
 * their services start in a framework that has no {@code org.cgformer.djl}, {@code org.cgformer.cli},
 * {@code org.cgformer.cli.api} and no picocli (the layering rule of README.md, "Architecture").
 *
 * <p>How: a second Apache Felix framework (the batch runtime's own framework version) is started inside the test JVM
 * with only those bundle jars, taken from the assembled batch runtime's {@code bundles/} folder, so the jars are the
 * ones that ship. A resolve that does not succeed (say, {@code org.cgformer.design} importing {@code org.cgformer.cli.api}
 * or picocli again) makes {@link Bundle#start()} throw with Felix's message naming the missing package; a component
 * that does not activate leaves its service missing. The workbench side (the design-space editor wiring neither to
 * DJL nor to the command line) is checked in the workbench's own runtime by {@code LayeringTest} of
 * {@code org.cgformer.ui.tests}.
 */
class DesignRuntimeWithoutCliTest {

    /** Bundle symbolic names of the smallest runtime the design-space services need. */
    static final Set<String> DESIGN_RUNTIME = Set.of("org.cgformer.structure", "org.cgformer.structure.io",
            "org.cgformer.design.model", "org.cgformer.design", "org.eclipse.emf.common", "org.eclipse.emf.ecore",
            "org.eclipse.emf.ecore.xmi", "com.fasterxml.jackson.core.jackson-core",
            "com.fasterxml.jackson.core.jackson-databind", "com.fasterxml.jackson.core.jackson-annotations",
            "org.apache.felix.scr", "org.osgi.service.component", "org.osgi.util.promise", "org.osgi.util.function");

    static final Set<String> LEFT_OUT = Set.of("org.cgformer.djl", "org.cgformer.cli", "org.cgformer.cli.api", "picocli");

    @Test
    void designServicesStartWithoutDjlAndCommandLine(@TempDir Path storage) throws Exception {
        Map<String, Path> shipped = shippedBundles();
        assertTrue(shipped.keySet().containsAll(DESIGN_RUNTIME), "batch runtime lacks some of " + DESIGN_RUNTIME + ": " + shipped.keySet());
        assertTrue(shipped.keySet().containsAll(LEFT_OUT), "the runtime ships " + LEFT_OUT + ", so leaving them out is a real test");

        Framework framework = new FrameworkFactory().newFramework(Map.of(Constants.FRAMEWORK_STORAGE, storage.toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT, "felix.log.level", "1"));
        framework.start();
        try {
            BundleContext context = framework.getBundleContext();
            List<Bundle> installed = new ArrayList<>();
            for (String name : DESIGN_RUNTIME) {
                installed.add(context.installBundle(shipped.get(name).toUri().toString()));
            }
            for (Bundle bundle : installed) {
                startUnlessFragment(bundle);
            }
            for (Bundle bundle : context.getBundles()) {
                assertFalse(LEFT_OUT.contains(bundle.getSymbolicName()), bundle.getSymbolicName() + " is installed");
            }
            assertServiceActive(context, "org.cgformer.design.api.DesignWorkflow");
            assertServiceActive(context, "org.cgformer.structure.api.StructureReader");
        } finally {
            framework.stop();
            framework.waitForStop(10_000);
        }
    }

    private static Map<String, Path> shippedBundles() throws Exception {
        Map<String, Path> byName = new HashMap<>();
        try (var jars = Files.list(CgformerProcess.runtime().resolve("bundles"))) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                String file = jar.getFileName().toString();
                byName.put(file.substring(0, file.lastIndexOf('_')), jar);
            }
        }
        return byName;
    }

    private static void startUnlessFragment(Bundle bundle) {
        if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null) {
            return;
        }
        try {
            bundle.start();
        } catch (BundleException e) {
            throw new AssertionError(bundle.getSymbolicName() + " does not start without " + LEFT_OUT + ": " + e.getMessage(), e);
        }
        assertEquals(Bundle.ACTIVE, bundle.getState(), bundle.getSymbolicName());
    }

    /** The service appears (SCR registers it asynchronously) and its component activates when it is got. */
    private static void assertServiceActive(BundleContext context, String serviceInterface) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        ServiceReference<?> reference = anyService(context, serviceInterface);
        while (reference == null && System.nanoTime() < deadline) {
            Thread.sleep(50);
            reference = anyService(context, serviceInterface);
        }
        assertNotNull(reference, "no " + serviceInterface + " service within 20 s");
        try {
            assertNotNull(context.getService(reference), serviceInterface + " component did not activate");
        } finally {
            context.ungetService(reference);
        }
    }

    /**
     * All services under that name, not only those whose class the caller could load: the test's own class path (the
     * system bundle here) does not hold the design API, so {@code getServiceReference} would hide them.
     */
    private static ServiceReference<?> anyService(BundleContext context, String serviceInterface) throws InvalidSyntaxException {
        ServiceReference<?>[] references = context.getAllServiceReferences(serviceInterface, null);
        return references == null ? null : references[0];
    }
}
