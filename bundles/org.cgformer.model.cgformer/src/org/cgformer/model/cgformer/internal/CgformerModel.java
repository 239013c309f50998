package org.cgformer.model.cgformer.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cgformer.model.djl.DjlPropertyModel;
import org.cgformer.model.cgformer.nn.CgformerNet;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.djl.nn.Block;

/**
 * CGformer as a {@link org.cgformer.ml.api.PropertyModel} service. Hyper-parameters and defaults:
 * {@code hiddenSize} 64, {@code convLayers} 2 (CGCNN convolutions before attention), {@code attentionLayers} 2,
 * {@code heads} 4, {@code ffnSize} 128, {@code headSize} 128 (MLP after pooling), {@code maxDegree} 24
 * (centrality embedding cap), {@code maxPath} 20 (spatial bias cap, the graph's default path cap).
 * {@code dropout} 0 (attention and feed-forward branches), {@code readout} {@code mean} (over real atoms) or
 * {@code token} (a learnable graph token attending to all atoms).
 */
public final class CgformerModel extends DjlPropertyModel {

    @Override
    public String name() {
        return "cgformer";
    }

    @Override
    public String version() {
        return "1.0.0";
    }

    @Override
    public String description() {
        return "CGformer: CGCNN convolutions, centrality and shortest-path spatial encodings, Graphormer attention over all atoms, MLP head";
    }

    @Override
    public String defaultFeaturizer() {
        return "cgformer";
    }

    @Override
    public ObjectNode defaultHyperParameters() {
        ObjectNode hp = JsonNodeFactory.instance.objectNode();
        hp.put("hiddenSize", 64);
        hp.put("convLayers", 2);
        hp.put("attentionLayers", 2);
        hp.put("heads", 4);
        hp.put("ffnSize", 128);
        hp.put("headSize", 128);
        hp.put("maxDegree", 24);
        hp.put("maxPath", 20);
        hp.put("dropout", 0.0);
        hp.put("readout", "mean");
        hp.put(GRAPH_FEATURES, true);
        return hp;
    }

    /**
     * CGCNN's groups ({@code embedding}, {@code conv}, {@code head}) plus {@code centrality} (the in- and out-degree
     * embeddings) and {@code attention} (the attention layers, the final layer norm and the graph token).
     */
    @Override
    protected Map<String, List<String>> layerGroupMembers() {
        Map<String, List<String>> groups = new LinkedHashMap<>(super.layerGroupMembers());
        groups.put("centrality", List.of("in_degree", "out_degree"));
        groups.put("attention", List.of("attention_*", "final_norm", "graph_token"));
        return groups;
    }

    @Override
    protected boolean attention() {
        return true;
    }

    @Override
    protected int maxDegree(ObjectNode hp) {
        return hp.get("maxDegree").asInt();
    }

    @Override
    protected int maxPath(ObjectNode hp) {
        return hp.get("maxPath").asInt();
    }

    private boolean tokenReadout(ObjectNode hp) {
        String readout = hp.get("readout").asText();
        if (!readout.equals("mean") && !readout.equals("token")) {
            throw new IllegalArgumentException("hyper-parameter 'readout' of model cgformer must be mean or token, not '" + readout + "'");
        }
        return readout.equals("token");
    }

    @Override
    protected Block newNet(ObjectNode hp, int nodeFeatures, int edgeFeatures) {
        return CgformerNet.builder().optHiddenSize(hp.get("hiddenSize").asInt()).optConvLayers(hp.get("convLayers").asInt())
                .optAttentionLayers(hp.get("attentionLayers").asInt()).optHeads(hp.get("heads").asInt())
                .optFfnSize(hp.get("ffnSize").asInt()).optHeadSize(hp.get("headSize").asInt()).optMaxDegree(maxDegree(hp))
                .optMaxPath(maxPath(hp)).optDropout((float) hp.get("dropout").asDouble()).optTokenReadout(tokenReadout(hp))
                .optGraphFeatures(graphFeatures(hp)).build();
    }
}
