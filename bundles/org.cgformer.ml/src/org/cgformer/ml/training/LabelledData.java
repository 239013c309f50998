package org.cgformer.ml.training;

import java.nio.file.Path;
import java.util.List;

import org.cgformer.graph.api.Featurizer;
import org.cgformer.ml.api.Dataset;
import org.cgformer.ml.api.Sample;

/**
 * A labelled dataset featurized for training: the samples that could be read and featurized, in the order of
 * {@code id_prop.csv}, and the entries that could not.
 *
 * @param dataset the dataset as listed in {@code id_prop.csv}
 * @param featurizer the featurizer of the graphs
 * @param samples the usable samples
 * @param refused the entries left out, with reasons
 */
public record LabelledData(Dataset dataset, Featurizer featurizer, List<Sample> samples, List<Refused> refused) {

    public LabelledData {
        samples = List.copyOf(samples);
        refused = List.copyOf(refused);
    }

    public Path folder() {
        return dataset.folder();
    }

    public int size() {
        return samples.size();
    }

    public List<String> ids() {
        return samples.stream().map(Sample::id).toList();
    }
}
