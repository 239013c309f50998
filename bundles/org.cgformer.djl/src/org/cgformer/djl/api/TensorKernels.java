package org.cgformer.djl.api;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.SparseFormat;

/**
 * Operators the graph models need that DJL offers only through its engine-internal interface
 * ({@code ai.djl.ndarray.internal.NDArrayEx}): model bundles call them here and stay on DJL's public API.
 *
 * @since 1.1
 */
public final class TensorKernels {

    private TensorKernels() {
    }

    /**
     * The rows {@code table[index[i]]}, {@code [index.size, columns]}, for a 2-D table and a 1-D int32 or int64 index, as
     * an embedding lookup: libtorch copies one row each, in about two thirds of the time of the advanced indexing of
     * {@code table.get(new NDIndex("{}", index))}, and differentiates it without an indexed scatter. The result belongs
     * to the index's manager.
     */
    public static NDArray rows(NDArray table, NDArray index) {
        return index.getNDArrayInternal().embedding(index, table, SparseFormat.DENSE).singletonOrThrow();
    }
}
