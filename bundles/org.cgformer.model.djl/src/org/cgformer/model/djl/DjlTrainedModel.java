package org.cgformer.model.djl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.cgformer.graph.api.CrystalGraph;
import org.cgformer.ml.api.ModelDescriptor;
import org.cgformer.ml.api.TrainedModel;

import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.djl.Model;
import ai.djl.nn.Block;

/** A trained DJL graph network with its descriptor. */
final class DjlTrainedModel implements TrainedModel {

    private final DjlPropertyModel kind;
    private final Model model;
    private final Block net;
    private final ObjectNode hyperParameters;
    private ModelDescriptor descriptor;

    DjlTrainedModel(DjlPropertyModel kind, Model model, Block net, ModelDescriptor descriptor, ObjectNode hyperParameters) {
        this.kind = kind;
        this.model = model;
        this.net = net;
        this.descriptor = descriptor;
        this.hyperParameters = hyperParameters;
    }

    /** The network (fine-tuning copies its parameters). */
    Block net() {
        return net;
    }

    @Override
    public ModelDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public synchronized double[] predict(List<CrystalGraph> graphs) {
        for (int i = 0; i < graphs.size(); i++) {
            CrystalGraph g = graphs.get(i);
            if (!g.featurizerName().equals(descriptor.featurizer()) || !g.featurizerVersion().equals(descriptor.featurizerVersion())
                    || g.nodeFeatureCount() != descriptor.nodeFeatures() || g.edgeFeatureCount() != descriptor.edgeFeatures()) {
                throw new IllegalArgumentException("graph " + i + " was made by featurizer " + g.featurizerName() + "@"
                        + g.featurizerVersion() + " (" + g.nodeFeatureCount() + " node, " + g.edgeFeatureCount()
                        + " edge features); the model reads " + descriptor.featurizer() + "@" + descriptor.featurizerVersion() + " ("
                        + descriptor.nodeFeatures() + ", " + descriptor.edgeFeatures() + ")");
            }
        }
        if (graphs.isEmpty()) {
            return new double[0];
        }
        return kind.predict(net, model.getNDManager(), graphs, hyperParameters, descriptor.normalizer());
    }

    @Override
    public synchronized void save(Path folder) throws IOException {
        Files.createDirectories(folder);
        byte[] bytes = DjlPropertyModel.serialize(net);
        Path tmp = folder.resolve(DjlPropertyModel.PARAMETERS_FILE + ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, folder.resolve(DjlPropertyModel.PARAMETERS_FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        descriptor = descriptor.withParameters(DjlPropertyModel.PARAMETERS_FILE, DjlPropertyModel.sha256(bytes));
        descriptor.write(folder);
    }

    @Override
    public void close() {
        model.close();
    }
}
