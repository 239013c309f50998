package org.cgformer.model.cgcnn.internal;

import org.cgformer.model.cgcnn.nn.CgcnnNet;
import org.cgformer.model.djl.DjlPropertyModel;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.djl.nn.Block;

/**
 * CGCNN as a {@link org.cgformer.ml.api.PropertyModel} service. Hyper-parameters (defaults of Xie &amp;
 * Grossman's code): {@code hiddenSize} 64 (atom-fea-len), {@code convLayers} 3 (n-conv), {@code headSize}
 * 128 (h-fea-len).
 */
public final class CgcnnModel extends DjlPropertyModel {

    @Override
    public String name() {
        return "cgcnn";
    }

    @Override
    public String version() {
        return "1.0.0";
    }

    @Override
    public String description() {
        return "CGCNN (Xie & Grossman 2018): gated graph convolutions with batch norm, mean pooling, softplus MLP head";
    }

    @Override
    public String defaultFeaturizer() {
        return "cgcnn";
    }

    @Override
    public ObjectNode defaultHyperParameters() {
        ObjectNode hp = JsonNodeFactory.instance.objectNode();
        hp.put("hiddenSize", 64);
        hp.put("convLayers", 3);
        hp.put("headSize", 128);
        hp.put(GRAPH_FEATURES, true);
        return hp;
    }

    @Override
    protected Block newNet(ObjectNode hp, int nodeFeatures, int edgeFeatures) {
        return CgcnnNet.builder().optHiddenSize(hp.get("hiddenSize").asInt()).optConvLayers(hp.get("convLayers").asInt())
                .optHeadSize(hp.get("headSize").asInt())
                .optGraphFeatures(graphFeatures(hp)).build();
    }
}
