package org.cgformer.ml.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.cgformer.graph.api.CrystalGraph;

/** A trained model: predicts the property of crystal graphs. Holds native memory: close it. */
public interface TrainedModel extends AutoCloseable {

    /** What it is and how it was trained (hyper-parameters, normalisation, metrics). */
    ModelDescriptor descriptor();

    /** Predicted property (in the target's units) of each graph, in order. */
    double[] predict(List<CrystalGraph> graphs);

    /** Writes {@link ModelDescriptor#FILE} and the parameters into {@code folder} (created if needed). */
    void save(Path folder) throws IOException;

    @Override
    void close();
}
