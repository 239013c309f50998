package org.cgformer.ml.api;

import org.cgformer.graph.api.CrystalGraph;

/** One labelled crystal: its id (file name without extension), graph and target value. */
public record Sample(String id, CrystalGraph graph, double target) {
}
