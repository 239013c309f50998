package org.cgformer.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.TreeSet;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;
import org.junit.jupiter.api.Test;

/**
 * The design-space editor needs neither the command line nor the DJL runtime: in the workbench's own runtime (where
 * {@code org.cgformer.djl}, {@code org.cgformer.cli} and picocli are all installed, so the resolver could pick them),
 * the bundles {@code org.cgformer.ui.design} is wired to, followed transitively through every package import and
 * required bundle, do not include them. A wire to them would mean the editor does not resolve in an Eclipse without
 * them. The headless side (the design services starting in a framework that lacks these bundles altogether) is
 * {@code DesignRuntimeWithoutCliTest} of {@code org.cgformer.batch.tests}.
 */
class LayeringTest {

    private static final Set<String> FORBIDDEN = Set.of("org.cgformer.djl", "org.cgformer.cli", "org.cgformer.cli.api", "picocli");

    @Test
    void designEditorWiresNeitherToDjlNorToTheCommandLine() {
        BundleContext context = FrameworkUtil.getBundle(LayeringTest.class).getBundleContext();
        Bundle editor = bundle(context, "org.cgformer.ui.design");
        Set<String> installed = new TreeSet<>();
        for (Bundle b : context.getBundles()) {
            installed.add(b.getSymbolicName());
        }
        assertTrue(installed.containsAll(FORBIDDEN), "the runtime should hold " + FORBIDDEN + " for the check to mean something: " + installed);
        context.getBundle(0).adapt(FrameworkWiring.class).resolveBundles(Set.of(editor));

        Set<String> reached = wiredTransitively(editor);

        assertTrue(reached.containsAll(Set.of("org.cgformer.design", "org.cgformer.design.model", "org.cgformer.structure")),
                "the walk follows the wires: " + reached);
        Set<String> forbidden = new TreeSet<>(reached);
        forbidden.retainAll(FORBIDDEN);
        assertEquals(Set.of(), forbidden, "org.cgformer.ui.design reaches " + forbidden + " through its wires: " + reached);
    }

    private static Bundle bundle(BundleContext context, String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError(symbolicName + " is not installed");
    }

    /** Symbolic names of every bundle reachable from {@code start} over required wires (imports, Require-Bundle, hosts). */
    private static Set<String> wiredTransitively(Bundle start) {
        Set<String> reached = new TreeSet<>();
        Deque<BundleWiring> work = new ArrayDeque<>();
        BundleWiring first = start.adapt(BundleWiring.class);
        assertNotNull(first, start.getSymbolicName() + " is not resolved");
        work.add(first);
        while (!work.isEmpty()) {
            BundleWiring wiring = work.pop();
            for (BundleWire wire : wiring.getRequiredWires(null)) {
                BundleWiring provider = wire.getProviderWiring();
                if (reached.add(provider.getBundle().getSymbolicName())) {
                    work.add(provider);
                }
            }
        }
        return reached;
    }
}
