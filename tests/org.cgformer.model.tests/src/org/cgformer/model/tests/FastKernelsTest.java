package org.cgformer.model.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.cgformer.graph.api.CrystalGraph;
import org.cgformer.graph.api.FeaturizerRegistry;
import org.cgformer.graph.api.GraphBatch;

import org.cgformer.djl.api.TensorRuntime;
import org.cgformer.model.djl.CgcnnConv;
import org.cgformer.model.djl.GraphInputs;
import org.cgformer.model.cgformer.nn.GraphAttentionLayer;
import org.cgformer.structure.api.Structure;
import org.cgformer.structure.api.StructureReader;
import org.junit.jupiter.api.Test;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;

/**
 * The faster kernels of the graph models against the straightforward computation: {@link GraphInputs#rows} (an
 * embedding lookup) against advanced indexing, the in-place inference path of {@link GraphAttentionLayer} (spatial bias
 * gathered per head, scale on the queries, no key mask for one structure) against its training path and against the
 * attention written out with the advanced-indexing gather of the spatial bias, and {@link CgcnnConv} (split linear
 * layer, in inference with the gate norm folded into it and the core's softplus floored) against the linear layer over
 * concat(v_i, v_j, e_ij) and its batch norm, all within float tolerance; on random data and on the crystal graphs of the
 * real NASICON hosts of the example design space, whose edge features hold the tiny values {@link GraphInputs} flushes.
 */
class FastKernelsTest {

    private static final int HIDDEN = 16;
    private static final int HEADS = 4;
    private static final int MAX_PATH = 20;
    /** Float tolerance of the comparisons (absolute, on values of order 1). */
    private static final float TOLERANCE = 1e-5f;

    @Test
    void rowsGivesTheRowsOfAdvancedIndexingInTheIndexManager() throws Exception {
        TensorRuntime runtime = Fixtures.service(TensorRuntime.class);
        Random random = new Random(7);
        try (NDManager model = runtime.newManager(); NDManager batch = runtime.newManager()) {
            NDArray table = model.randomNormal(new Shape(MAX_PATH + 2, HEADS));
            int[] index = new int[5000];
            long[] longIndex = new long[index.length];
            for (int i = 0; i < index.length; i++) {
                index[i] = random.nextInt(MAX_PATH + 2);
                longIndex[i] = index[i];
            }
            float[] expected = table.get(batch, new NDIndex("{}", batch.create(longIndex))).toFloatArray();
            NDArray fromInt = GraphInputs.rows(table, batch.create(index));
            NDArray fromLong = GraphInputs.rows(table, batch.create(longIndex));
            assertArrayEquals(expected, fromInt.toFloatArray());
            assertArrayEquals(expected, fromLong.toFloatArray());
            assertSame(batch, fromInt.getManager(), "the rows belong to the index's manager, not the table's");
        }
    }

    @Test
    void attentionLayerInferenceMatchesTrainingPathAndReference() throws Exception {
        TensorRuntime runtime = Fixtures.service(TensorRuntime.class);
        long b = 3;
        long p = 9;
        Random random = new Random(11);
        try (NDManager manager = runtime.newManager()) {
            GraphAttentionLayer layer = GraphAttentionLayer.builder().setHiddenSize(HIDDEN).optHeads(HEADS).optMaxPath(MAX_PATH).build();
            layer.setInitializer(new NormalInitializer(0.5f), parameter -> true);
            layer.initialize(manager, DataType.FLOAT32, new Shape(b, p, HIDDEN), new Shape(b * p * p), new Shape(b, 1, 1, p));
            int[] nodes = {9, 5, 2};
            int[] spatial = new int[(int) (b * p * p)];
            float[] keyMask = new float[(int) (b * p)];
            for (int g = 0; g < b; g++) {
                for (int i = 0; i < p; i++) {
                    keyMask[(int) (g * p + i)] = i < nodes[g] ? 0f : -1e9f;
                    for (int j = 0; j < p; j++) {
                        boolean real = i < nodes[g] && j < nodes[g];
                        spatial[(int) ((g * p + i) * p + j)] = real ? random.nextInt(MAX_PATH + 2) : 0;
                    }
                }
            }
            try (NDManager sub = manager.newSubManager()) {
                NDArray x = sub.randomNormal(new Shape(b, p, HIDDEN));
                NDList in = new NDList(x, sub.create(spatial), sub.create(keyMask, new Shape(b, 1, 1, p)));
                float[] inference = layer.forward(new ParameterStore(sub, false), in, false).singletonOrThrow().toFloatArray();
                float[] training = layer.forward(new ParameterStore(sub, false), in, true).singletonOrThrow().toFloatArray();
                float[] reference = reference(layer, x, spatial, in.get(2), sub).toFloatArray();
                for (int i = 0; i < inference.length; i++) {
                    assertTrue(Math.abs(inference[i] - training[i]) <= TOLERANCE, "inference vs training at " + i + ": " + inference[i]
                            + " vs " + training[i]);
                    assertTrue(Math.abs(inference[i] - reference[i]) <= TOLERANCE, "inference vs reference at " + i + ": "
                            + inference[i] + " vs " + reference[i]);
                }
            }
        }
    }

    @Test
    void cgcnnConvMatchesTheConcatenatedLinear() throws Exception {
        TensorRuntime runtime = Fixtures.service(TensorRuntime.class);
        int n = 12;
        int m = 5;
        int e = 7;
        int h = 8;
        Random random = new Random(5);
        try (NDManager manager = runtime.newManager()) {
            CgcnnConv conv = CgcnnConv.builder().setHiddenSize(h).build();
            // batch norm's running statistics keep their own initialisers (a random variance could be negative)
            conv.setInitializer(new NormalInitializer(0.5f), parameter -> parameter.getType() != Parameter.Type.RUNNING_MEAN
                    && parameter.getType() != Parameter.Type.RUNNING_VAR);
            conv.initialize(manager, DataType.FLOAT32, new Shape(n, h), new Shape(n, m, e), new Shape((long) n * m), new Shape(n, m, 1));
            long[] neighbours = new long[n * m];
            float[] mask = new float[n * m];
            for (int i = 0; i < neighbours.length; i++) {
                neighbours[i] = random.nextInt(n);
                mask[i] = random.nextInt(4) == 0 ? 0f : 1f;
            }
            for (boolean training : new boolean[] {false, true}) {
                try (NDManager sub = manager.newSubManager()) {
                    NDList in = new NDList(sub.randomNormal(new Shape(n, h)), sub.randomNormal(new Shape(n, m, e)), sub.create(neighbours),
                            sub.create(mask, new Shape(n, m, 1)));
                    ParameterStore ps = new ParameterStore(sub, false);
                    float[] fast = conv.forward(ps, in, training).singletonOrThrow().toFloatArray();
                    float[] reference = concatenated(conv, ps, in, training).toFloatArray();
                    for (int i = 0; i < fast.length; i++) {
                        assertTrue(Math.abs(fast[i] - reference[i]) <= TOLERANCE, (training ? "training" : "inference") + " at " + i + ": "
                                + fast[i] + " vs " + reference[i]);
                    }
                }
            }
        }
    }

    /** The NASICON hosts of the example design space: Zr site shared (partial occupancy), and ordered. */
    private static final List<String> HOSTS = List.of("nasicon/Na3Zr2Si2PO12_R-3c_average.cif", "nasicon/Na4Zr2Si3O12_R-3c.cif");

    @Test
    void inputsOfRealNasiconGraphsFlushOnlyTinyFeatures() throws Exception {
        TensorRuntime runtime = Fixtures.service(TensorRuntime.class);
        for (String featurizer : new String[] {"cgformer", "cgcnn"}) {
            CrystalGraph graph = nasicon(HOSTS.get(0), featurizer);
            float[] original = graph.edgeFeatures();
            try (NDManager manager = runtime.newManager()) {
                float[] edges = GraphInputs.of(manager, GraphBatch.of(List.of(graph)), true, 24, MAX_PATH).get(1).toFloatArray();
                int flushed = 0;
                for (int i = 0; i < original.length; i++) {
                    if (Math.abs(original[i]) < 1e-20f) {
                        assertTrue(edges[i] == 0f, featurizer + ": tiny feature " + i + " kept as " + edges[i]);
                        flushed += original[i] != 0f ? 1 : 0;
                    } else {
                        assertTrue(edges[i] == original[i], featurizer + ": feature " + i + " changed from " + original[i] + " to " + edges[i]);
                    }
                }
                // the Gaussian tails this is about: without them the test would prove nothing
                assertTrue(flushed > original.length / 100, featurizer + ": only " + flushed + " tiny features in " + original.length);
            }
        }
    }

    @Test
    void attentionLayerOnRealNasiconGraphsMatchesTrainingPathAndReference() throws Exception {
        TensorRuntime runtime = Fixtures.service(TensorRuntime.class);
        List<CrystalGraph> graphs = List.of(nasicon(HOSTS.get(0), "cgformer"), nasicon(HOSTS.get(1), "cgformer"));
        try (NDManager manager = runtime.newManager()) {
            // one structure (no padding, no key mask) and both (the smaller one padded)
            for (List<CrystalGraph> batch : List.of(graphs.subList(0, 1), graphs)) {
                try (NDManager sub = manager.newSubManager()) {
                    NDList inputs = GraphInputs.of(sub, GraphBatch.of(batch), true, 24, MAX_PATH);
                    long b = batch.size();
                    long p = inputs.get(8).getShape().get(3);
                    GraphAttentionLayer layer = GraphAttentionLayer.builder().setHiddenSize(HIDDEN).optHeads(HEADS).optMaxPath(MAX_PATH).build();
                    layer.setInitializer(new NormalInitializer(0.5f), parameter -> true);
                    layer.initialize(sub, DataType.FLOAT32, new Shape(b, p, HIDDEN), new Shape(b * p * p), new Shape(b, 1, 1, p));
                    NDArray x = sub.randomNormal(new Shape(b, p, HIDDEN));
                    NDList in = new NDList(x, inputs.get(7), inputs.get(8));
                    float[] inference = layer.forward(new ParameterStore(sub, false), in, false).singletonOrThrow().toFloatArray();
                    float[] training = layer.forward(new ParameterStore(sub, false), in, true).singletonOrThrow().toFloatArray();
                    float[] reference = reference(layer, x, inputs.get(7).toIntArray(), inputs.get(8), sub).toFloatArray();
                    boolean[] real = GraphBatch.of(batch).nodeMask();
                    for (int i = 0; i < inference.length; i++) {
                        if (!real[i / HIDDEN]) {
                            continue; // padding rows: what they hold is never read
                        }
                        assertTrue(Math.abs(inference[i] - training[i]) <= TOLERANCE, b + " graphs, inference vs training at " + i + ": "
                                + inference[i] + " vs " + training[i]);
                        assertTrue(Math.abs(inference[i] - reference[i]) <= TOLERANCE, b + " graphs, inference vs reference at " + i + ": "
                                + inference[i] + " vs " + reference[i]);
                    }
                }
            }
        }
    }

    @Test
    void cgcnnConvOnRealNasiconGraphWithRunningStatisticsMatchesTheConcatenatedLinear() throws Exception {
        TensorRuntime runtime = Fixtures.service(TensorRuntime.class);
        CrystalGraph graph = nasicon(HOSTS.get(0), "cgcnn");
        int h = 16;
        try (NDManager manager = runtime.newManager()) {
            NDList inputs = GraphInputs.of(manager, GraphBatch.of(List.of(graph)), false, 24, MAX_PATH);
            long n = graph.nodes();
            CgcnnConv conv = CgcnnConv.builder().setHiddenSize(h).build();
            conv.setInitializer(new NormalInitializer(0.5f), parameter -> parameter.getType() != Parameter.Type.RUNNING_MEAN
                    && parameter.getType() != Parameter.Type.RUNNING_VAR);
            conv.initialize(manager, DataType.FLOAT32, new Shape(n, h), inputs.get(1).getShape(), inputs.get(2).getShape(), inputs.get(3).getShape());
            // running statistics as after training (initially mean 0 and variance 1, which would make folding the norm trivial)
            for (int child : new int[] {1, 2}) {
                var norm = conv.getChildren().valueAt(child).getParameters();
                NDArray mean = norm.get("runningMean").getArray();
                mean.addi(manager.randomNormal(mean.getShape()));
                NDArray variance = norm.get("runningVar").getArray();
                variance.muli(manager.randomUniform(0.2f, 3f, variance.getShape()));
            }
            // node states of ordinary size, then so negative that the core's softplus inputs fall below its floor of -40
            for (float shift : new float[] {0f, -200f}) {
                try (NDManager sub = manager.newSubManager()) {
                    NDArray nodes = sub.randomNormal(new Shape(n, h)).add(shift);
                    NDList in = new NDList(nodes, inputs.get(1), inputs.get(2), inputs.get(3));
                    ParameterStore ps = new ParameterStore(sub, false);
                    float[] fast = conv.forward(ps, in, false).singletonOrThrow().toFloatArray();
                    float[] reference = concatenated(conv, ps, in, false).toFloatArray();
                    for (int i = 0; i < fast.length; i++) {
                        assertTrue(Math.abs(fast[i] - reference[i]) <= TOLERANCE * Math.max(1f, Math.abs(reference[i])), "shift " + shift
                                + " at " + i + ": " + fast[i] + " vs " + reference[i]);
                    }
                }
            }
        }
    }

    /** A NASICON host of ../shared/data featurized with the named featurizer and the default graph options. */
    private static CrystalGraph nasicon(String relative, String featurizer) throws Exception {
        Path file = Fixtures.data(relative);
        Structure structure = null;
        for (StructureReader reader : Fixtures.services(StructureReader.class)) {
            if (reader.canRead(file.toString())) {
                structure = reader.read(file).structure();
            }
        }
        assertTrue(structure != null, "no reader for " + file);
        return Fixtures.service(FeaturizerRegistry.class).get(featurizer).featurize(structure);
    }

    /** CGCNN's convolution as written before: z = concat(v_i, v_j, e_ij) through the {@code full} layer, with the children. */
    private static NDArray concatenated(CgcnnConv conv, ParameterStore ps, NDList in, boolean training) {
        NDArray nodes = in.get(0);
        long n = nodes.getShape().get(0);
        long m = in.get(1).getShape().get(1);
        long h = nodes.getShape().get(1);
        var children = conv.getChildren();
        NDArray nbr = nodes.get(new NDIndex("{}", in.get(2))).reshape(n, m, h);
        NDArray self = nodes.expandDims(1).broadcast(new Shape(n, m, h));
        NDArray z = NDArrays.concat(new NDList(self, nbr, in.get(1)), -1);
        NDArray gated = children.valueAt(0).forward(ps, new NDList(z), training).singletonOrThrow().reshape(n * m, 2 * h);
        gated = children.valueAt(1).forward(ps, new NDList(gated), training).singletonOrThrow().reshape(n, m, 2 * h);
        NDList parts = gated.split(2, 2);
        NDArray message = Activation.sigmoid(parts.get(0)).mul(Activation.softPlus(parts.get(1))).mul(in.get(3));
        NDArray summed = children.valueAt(2).forward(ps, new NDList(message.sum(new int[] {1})), training).singletonOrThrow();
        return Activation.softPlus(nodes.add(summed));
    }

    /**
     * The layer written out from its parameters (child blocks in declaration order: attention norm, query, key, value,
     * out, ffn norm, ffn in, ffn out), with the spatial bias gathered by advanced indexing as before.
     */
    private static NDArray reference(GraphAttentionLayer layer, NDArray x, int[] spatial, NDArray keyMask, NDManager sub) {
        long b = x.getShape().get(0);
        long p = x.getShape().get(1);
        long d = HIDDEN / HEADS;
        var parameters = layer.getParameters();
        NDArray table = parameters.valueAt(0).getArray();
        long[] longSpatial = new long[spatial.length];
        for (int i = 0; i < spatial.length; i++) {
            longSpatial[i] = spatial[i];
        }
        NDArray bias = table.get(sub, new NDIndex("{}", sub.create(longSpatial))).reshape(b, p, p, HEADS).transpose(0, 3, 1, 2);
        NDArray flat = x.reshape(b * p, HIDDEN);
        NDArray y = layerNorm(flat, parameters.valueAt(1).getArray(), parameters.valueAt(2).getArray());
        NDArray q = heads(linear(y, parameters.valueAt(3).getArray(), parameters.valueAt(4).getArray()), b, p, d);
        NDArray k = heads(linear(y, parameters.valueAt(5).getArray(), parameters.valueAt(6).getArray()), b, p, d);
        NDArray v = heads(linear(y, parameters.valueAt(7).getArray(), parameters.valueAt(8).getArray()), b, p, d);
        NDArray logits = q.matMul(k.transpose(0, 1, 3, 2)).mul(1.0 / Math.sqrt(d)).add(bias).add(keyMask);
        NDArray context = logits.softmax(-1).matMul(v).transpose(0, 2, 1, 3).reshape(b * p, HIDDEN);
        flat = flat.add(linear(context, parameters.valueAt(9).getArray(), parameters.valueAt(10).getArray()));
        NDArray z = layerNorm(flat, parameters.valueAt(11).getArray(), parameters.valueAt(12).getArray());
        z = Activation.gelu(linear(z, parameters.valueAt(13).getArray(), parameters.valueAt(14).getArray()));
        flat = flat.add(linear(z, parameters.valueAt(15).getArray(), parameters.valueAt(16).getArray()));
        return flat.reshape(b, p, HIDDEN);
    }

    private static NDArray linear(NDArray in, NDArray weight, NDArray bias) {
        return in.matMul(weight.transpose()).add(bias);
    }

    private static NDArray layerNorm(NDArray in, NDArray gamma, NDArray beta) {
        NDArray mean = in.mean(new int[] {1}, true);
        NDArray centred = in.sub(mean);
        NDArray variance = centred.square().mean(new int[] {1}, true);
        return centred.div(variance.add(1e-5).sqrt()).mul(gamma).add(beta);
    }

    private static NDArray heads(NDArray a, long b, long p, long d) {
        return a.reshape(b, p, HEADS, d).transpose(0, 2, 1, 3);
    }
}
