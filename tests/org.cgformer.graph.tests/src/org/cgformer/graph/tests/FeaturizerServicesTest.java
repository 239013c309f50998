package org.cgformer.graph.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.cgformer.graph.api.CrystalGraph;
import org.cgformer.graph.api.FeaturizationException;
import org.cgformer.graph.api.Featurizer;
import org.cgformer.graph.api.FeaturizerRegistry;
import org.cgformer.structure.api.Structure;
import org.junit.jupiter.api.Test;
import org.osgi.framework.FrameworkUtil;

/**
 * Featurizers as OSGi services: the two built-in ones and one contributed by bundle
 * org.cgformer.graph.example (a lab's own bundle, which nothing else depends on), found and used by name.
 */
class FeaturizerServicesTest {

    private static final String EXAMPLE = "sodium-example";

    private static FeaturizerRegistry registryWith(String name) throws Exception {
        FeaturizerRegistry registry = SharedStructures.service(FeaturizerRegistry.class);
        long deadline = System.currentTimeMillis() + 20_000;
        while (registry.find(name).isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        return registry;
    }

    @Test
    void registryListsBuiltInAndContributedFeaturizersWithTheirBundles() throws Exception {
        FeaturizerRegistry registry = registryWith(EXAMPLE);
        List<String> names = registry.featurizers().stream().map(Featurizer::name).toList();
        assertTrue(names.containsAll(List.of("cgcnn", "cgformer", EXAMPLE)), names.toString());
        Featurizer example = registry.find(EXAMPLE).orElseThrow();
        assertEquals("org.cgformer.graph.example", FrameworkUtil.getBundle(example.getClass()).getSymbolicName());
        assertEquals("org.cgformer.graph", FrameworkUtil.getBundle(registry.find("cgcnn").orElseThrow().getClass())
                .getSymbolicName());
    }

    @Test
    void contributedFeaturizerIsUsedByName() throws Exception {
        FeaturizerRegistry registry = registryWith(EXAMPLE);
        Structure nasicon = SharedStructures.read(SharedStructures.NASICON);
        CrystalGraph graph = registry.get(EXAMPLE + "@0.1.0").featurize(nasicon);
        assertEquals(EXAMPLE, graph.featurizerName());
        int na2 = CgcnnFeaturizerTest.indexOfLabel(nasicon, "Na2");
        int zr = CgcnnFeaturizerTest.indexOfLabel(nasicon, "Zr1");
        assertEquals(2 / 3.0, graph.nodeFeature(na2, 0), 1e-6);
        assertEquals(0f, graph.nodeFeature(zr, 0));
        assertEquals(registry.get(EXAMPLE).version(), "0.1.0");
    }

    @Test
    void unknownNameOrVersionNamesTheInstalledFeaturizers() throws Exception {
        FeaturizerRegistry registry = registryWith(EXAMPLE);
        FeaturizationException e = assertThrows(FeaturizationException.class, () -> registry.get("schnet"));
        assertTrue(e.getMessage().contains("'schnet'") && e.getMessage().contains("cgcnn@1.0.0")
                && e.getMessage().contains(EXAMPLE + "@0.1.0"), e.getMessage());
        assertEquals(Optional.empty(), registry.find("cgcnn", "9.0.0"));
        assertEquals("cgcnn", registry.find("cgcnn", "1.0").orElseThrow().name(), "1.0 = 1.0.0 as OSGi versions");
    }
}
