package org.cgformer.ml.api;

import java.util.List;

/** One fold: the indices (into a dataset's entries) it trains on and tests on. */
public record Split(String name, List<Integer> train, List<Integer> test) {
}
