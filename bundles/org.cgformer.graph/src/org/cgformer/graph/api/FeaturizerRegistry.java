package org.cgformer.graph.api;

import java.util.List;
import java.util.Optional;

/**
 * The {@link Featurizer} services installed now, looked up by name and version. Itself a service
 * (a DS component of bundle org.cgformer.graph); featurizers come and go with their bundles.
 */
public interface FeaturizerRegistry {

    /** Every installed featurizer, by name, then highest version first. */
    List<Featurizer> featurizers();

    /** The highest version of the featurizer called {@code name}. */
    Optional<Featurizer> find(String name);

    /** The featurizer with this name and exactly this version. */
    Optional<Featurizer> find(String name, String version);

    /**
     * The featurizer named by {@code spec}, {@code NAME} or {@code NAME@VERSION}.
     *
     * @throws FeaturizationException naming the installed featurizers when there is none such
     */
    default Featurizer get(String spec) throws FeaturizationException {
        int at = spec.indexOf('@');
        String name = at < 0 ? spec : spec.substring(0, at);
        Optional<Featurizer> found = at < 0 ? find(name) : find(name, spec.substring(at + 1));
        return found.orElseThrow(() -> new FeaturizationException("no featurizer '" + spec + "' is installed; installed: "
                + String.join(", ", featurizers().stream().map(f -> f.name() + "@" + f.version()).toList())));
    }
}
