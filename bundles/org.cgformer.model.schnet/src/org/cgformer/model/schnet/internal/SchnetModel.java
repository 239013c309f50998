package org.cgformer.model.schnet.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cgformer.ml.api.Sample;
import org.cgformer.ml.api.TrainedModel;
import org.cgformer.ml.api.TrainingRequest;
import org.cgformer.model.djl.DjlPropertyModel;
import org.cgformer.model.schnet.nn.SchnetNet;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.djl.nn.Block;

/**
 * SchNet as a {@link org.cgformer.ml.api.PropertyModel} service, written against the model API and the shared
 * DJL training base only. Hyper-parameters and defaults: {@code hiddenSize} 64, {@code filterSize} 64 (SchNet's
 * feature and filter sizes), {@code interactions} 3, {@code pooling} "mean" ("sum" for per-cell targets).
 * Needs graphs of featurizer {@value #FEATURIZER}: the network reads the cosine cutoff envelope from the last
 * edge column.
 */
public final class SchnetModel extends DjlPropertyModel {

    static final String FEATURIZER = "rbf";

    @Override
    public String name() {
        return "schnet";
    }

    @Override
    public String version() {
        return "1.0.0";
    }

    @Override
    public String description() {
        return "SchNet (Schütt et al. 2018): element embedding, continuous-filter convolutions on RBF distances with a cosine "
                + "cutoff, shifted softplus, atom-wise output, mean/sum pooling";
    }

    @Override
    public String defaultFeaturizer() {
        return FEATURIZER;
    }

    @Override
    public ObjectNode defaultHyperParameters() {
        ObjectNode hp = JsonNodeFactory.instance.objectNode();
        hp.put("hiddenSize", 64);
        hp.put("filterSize", 64);
        hp.put("interactions", 3);
        hp.put("pooling", "mean");
        hp.put(GRAPH_FEATURES, true);
        return hp;
    }

    @Override
    public ObjectNode hyperParameters(ObjectNode given) {
        ObjectNode hp = super.hyperParameters(given);
        SchnetNet.Pooling.of(hp.get("pooling").asText());
        return hp;
    }

    /** Every training (plain, cross-validated, fine-tuned) comes through here: refuse graphs without the envelope column. */
    @Override
    public TrainedModel train(TrainingRequest request) {
        List<Sample> train = request.train();
        if (!train.isEmpty() && !train.get(0).graph().featurizerName().equals(FEATURIZER)) {
            throw new IllegalArgumentException("schnet reads the radial basis and the cosine cutoff envelope of featurizer '" + FEATURIZER
                    + "'; structure " + train.get(0).id() + " has graphs of '" + train.get(0).graph().featurizerName()
                    + "' (use --featurizer " + FEATURIZER + ")");
        }
        return super.train(request);
    }

    /** {@code embedding} (the element embedding), {@code interaction} (the interaction blocks) and {@code head} (the atom-wise layers). */
    @Override
    protected Map<String, List<String>> layerGroupMembers() {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        groups.put("embedding", List.of("embedding"));
        groups.put("interaction", List.of("interaction_*"));
        groups.put(HEAD, List.of("atom_hidden", "atom_output", "graph_output"));
        return groups;
    }

    @Override
    protected Block newNet(ObjectNode hp, int nodeFeatures, int edgeFeatures) {
        return SchnetNet.builder().optHiddenSize(hp.get("hiddenSize").asInt()).optFilterSize(hp.get("filterSize").asInt())
                .optInteractions(hp.get("interactions").asInt()).optPooling(SchnetNet.Pooling.of(hp.get("pooling").asText()))
                .optGraphFeatures(graphFeatures(hp)).build();
    }
}
