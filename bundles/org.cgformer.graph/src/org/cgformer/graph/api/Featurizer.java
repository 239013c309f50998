package org.cgformer.graph.api;

import java.util.List;

import org.cgformer.structure.api.Structure;

/**
 * Turns a structure into a {@link CrystalGraph}: the service interface through which labs swap in
 * their own featurizers. Register an implementation as an OSGi (Declarative Services) component
 * providing this interface and it is found by name everywhere ({@link FeaturizerRegistry},
 * {@code cgformer featurizers}, {@code cgformer featurize --featurizer NAME}).
 *
 * <p>Implementations are stateless and thread-safe. A typical one builds the topology with
 * {@link GraphTopology#of}, computes its feature arrays and returns {@link CrystalGraph#of}, which
 * checks shapes and finiteness. Disordered sites (several species, occupancies below 1) must be
 * handled explicitly; the built-in featurizers weight each species' features by its occupancy.
 */
public interface Featurizer {

    /** Unique name used on command lines, e.g. {@code cgcnn}: lower case letters, digits, '-' and '_'. */
    String name();

    /**
     * Version of the features (major.minor.micro): change it whenever the numbers for a structure
     * change, since caches are keyed by it.
     */
    String version();

    /** One line saying what the features are and where they come from. */
    String description();

    /** The F columns of the node feature matrix, documented. */
    List<FeatureColumn> nodeColumns();

    /** The E columns of the edge feature tensor, documented. */
    List<FeatureColumn> edgeColumns();

    /** The G graph-level features, documented (may be empty). */
    List<FeatureColumn> graphColumns();

    /**
     * The graph of {@code structure} with this featurizer's features.
     *
     * @throws FeaturizationException when the structure cannot be featurized (no sites, an element
     *         the featurizer has no data for, an isolated site under {@link IsolatedSitePolicy#FAIL});
     *         the message names the site or element
     */
    CrystalGraph featurize(Structure structure, GraphOptions options) throws FeaturizationException;

    /** {@link #featurize(Structure, GraphOptions)} with {@link GraphOptions#defaults()}. */
    default CrystalGraph featurize(Structure structure) throws FeaturizationException {
        return featurize(structure, GraphOptions.defaults());
    }
}
