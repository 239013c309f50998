package org.cgformer.ml.training;

import java.nio.file.Path;
import java.util.List;

import org.cgformer.graph.api.CrystalGraph;

/**
 * Unlabelled structure files featurized for prediction: the files that could be read and featurized with their
 * ids and graphs (same order), and those that could not.
 */
public record GraphSet(List<String> ids, List<Path> files, List<CrystalGraph> graphs, List<Refused> refused) {

    public GraphSet {
        ids = List.copyOf(ids);
        files = List.copyOf(files);
        graphs = List.copyOf(graphs);
        refused = List.copyOf(refused);
    }

    public int size() {
        return graphs.size();
    }
}
