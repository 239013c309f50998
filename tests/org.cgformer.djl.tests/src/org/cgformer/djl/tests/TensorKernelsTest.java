package org.cgformer.djl.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.cgformer.djl.api.TensorKernels;
import org.cgformer.djl.api.TensorRuntime;
import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

class TensorKernelsTest {

    @Test
    void rowsGathersTheIndexedRowsIntoTheIndexManager() throws Exception {
        TensorRuntime runtime = Services.get(TensorRuntime.class);
        try (NDManager model = runtime.newManager(); NDManager batch = runtime.newManager()) {
            NDArray table = model.arange(12f).reshape(4, 3);
            for (NDArray index : new NDArray[] {batch.create(new int[] {3, 0, 3}), batch.create(new long[] {3, 0, 3})}) {
                NDArray rows = TensorKernels.rows(table, index);
                assertEquals(new Shape(3, 3), rows.getShape());
                assertArrayEquals(new float[] {9, 10, 11, 0, 1, 2, 9, 10, 11}, rows.toFloatArray());
                assertEquals(batch, rows.getManager(), "the result belongs to the index's manager, not the table's");
            }
        }
    }
}
