package org.cgformer.graph.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.cgformer.graph.api.Featurizer;
import org.cgformer.graph.api.FeaturizerRegistry;
import org.osgi.framework.Version;

/** The featurizer services bound now (DS: dynamic, 0..n); see OSGI-INF/org.cgformer.graph.registry.xml. */
public class DefaultFeaturizerRegistry implements FeaturizerRegistry {

    private final List<Featurizer> featurizers = new CopyOnWriteArrayList<>();

    public void addFeaturizer(Featurizer featurizer) {
        featurizers.add(featurizer);
    }

    public void removeFeaturizer(Featurizer featurizer) {
        featurizers.remove(featurizer);
    }

    @Override
    public List<Featurizer> featurizers() {
        return featurizers.stream().sorted(Comparator.comparing(Featurizer::name)
                .thenComparing(DefaultFeaturizerRegistry::version, Comparator.reverseOrder())).toList();
    }

    @Override
    public Optional<Featurizer> find(String name) {
        return featurizers().stream().filter(f -> f.name().equals(name)).findFirst();
    }

    @Override
    public Optional<Featurizer> find(String name, String version) {
        Version wanted = parse(version);
        return featurizers().stream().filter(f -> f.name().equals(name) && version(f).equals(wanted)).findFirst();
    }

    /** OSGi version semantics (1.0 = 1.0.0); a version that is not one compares as 0.0.0.text. */
    private static Version version(Featurizer featurizer) {
        return parse(featurizer.version());
    }

    private static Version parse(String text) {
        try {
            return Version.parseVersion(text);
        } catch (IllegalArgumentException e) {
            return new Version(0, 0, 0, text.replaceAll("[^A-Za-z0-9_-]", "_"));
        }
    }
}
