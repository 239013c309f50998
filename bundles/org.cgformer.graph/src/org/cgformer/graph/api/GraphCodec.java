package org.cgformer.graph.api;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Binary form of one {@link CrystalGraph} in the cache (little-endian):
 *
 * <pre>
 * magic "CGFGRAPH" (8 bytes), format version (int32)
 * featurizer name, featurizer version, content hash (each: uint16 length + UTF-8)
 * options: M (int32), cutoff Å (float64), max path length (int32), isolated-site policy ordinal (int32)
 * n, F, E, G (int32)
 * neighbourIndex [n,M] int32, neighbourImage [n,M,3] int32, neighbourDistance [n,M] float32,
 * neighbourVector [n,M,3] float32, neighbourMask [n,M] int8, inDegree [n] int32, outDegree [n] int32,
 * shortestPath [n,n] int8, nodeFeatures [n,F] float32, edgeFeatures [n,M,E] float32, graphFeatures [G] float32
 * CRC-32 of everything before it (int32)
 * </pre>
 */
final class GraphCodec {

    static final byte[] MAGIC = "CGFGRAPH".getBytes(StandardCharsets.US_ASCII);
    /** Change whenever the layout changes; older files are then rebuilt. */
    static final int FORMAT_VERSION = 1;
    /** Sanity bound on counts read from a file, so a corrupt header cannot ask for gigabytes. */
    private static final int MAX_COUNT = 1 << 28;

    /** What a cache file holds besides the graph, to check it is the graph asked for. */
    record Header(String featurizerName, String featurizerVersion, String contentHash, GraphOptions options) {
    }

    /** Why a file cannot be used. */
    static final class BadFileException extends Exception {
        private static final long serialVersionUID = 1L;

        BadFileException(String message) {
            super(message);
        }
    }

    private GraphCodec() {
    }

    static byte[] encode(CrystalGraph graph, String contentHash) {
        GraphTopology t = graph.topology;
        int n = t.nodes;
        int m = t.maxNeighbours;
        byte[] name = utf8(graph.featurizerName);
        byte[] version = utf8(graph.featurizerVersion);
        byte[] hash = utf8(contentHash);
        long size = 8 + 4 + 6 + name.length + version.length + hash.length + 4 + 8 + 4 + 4 + 16
                + 4L * n * m + 12L * n * m + 4L * n * m + 12L * n * m + (long) n * m + 8L * n + (long) n * n
                + 4L * n * graph.nodeFeatureCount + 4L * n * m * graph.edgeFeatureCount + 4L * graph.graphFeatureCount
                + 4;
        if (size > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("graph of " + n + " nodes is too large for one cache file");
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(MAGIC).putInt(FORMAT_VERSION);
        putString(buffer, name);
        putString(buffer, version);
        putString(buffer, hash);
        GraphOptions o = t.options;
        buffer.putInt(o.maxNeighbours()).putDouble(o.cutoffAngstrom()).putInt(o.maxPathLength())
                .putInt(o.isolatedSites().ordinal());
        buffer.putInt(n).putInt(graph.nodeFeatureCount).putInt(graph.edgeFeatureCount).putInt(graph.graphFeatureCount);
        buffer.asIntBuffer().put(t.neighbourIndex);
        skip(buffer, 4 * t.neighbourIndex.length);
        buffer.asIntBuffer().put(t.neighbourImage);
        skip(buffer, 4 * t.neighbourImage.length);
        putFloats(buffer, t.neighbourDistance);
        putFloats(buffer, t.neighbourVector);
        for (boolean edge : t.neighbourMask) {
            buffer.put((byte) (edge ? 1 : 0));
        }
        buffer.asIntBuffer().put(t.inDegree);
        skip(buffer, 4 * n);
        buffer.asIntBuffer().put(t.outDegree);
        skip(buffer, 4 * n);
        buffer.put(t.shortestPath);
        putFloats(buffer, graph.nodeFeatures);
        putFloats(buffer, graph.edgeFeatures);
        putFloats(buffer, graph.graphFeatures);
        CRC32 crc = new CRC32();
        crc.update(buffer.array(), 0, buffer.position());
        buffer.putInt((int) crc.getValue());
        return buffer.array();
    }

    /** The header of a file, after checking magic, format version and checksum. */
    static Header header(ByteBuffer buffer) throws BadFileException {
        try {
            checkFraming(buffer);
            buffer.position(MAGIC.length + 4);
            String name = getString(buffer);
            String version = getString(buffer);
            String hash = getString(buffer);
            int m = buffer.getInt();
            double cutoff = buffer.getDouble();
            int maxPath = buffer.getInt();
            int policy = buffer.getInt();
            if (policy < 0 || policy >= IsolatedSitePolicy.values().length) {
                throw new BadFileException("unknown isolated-site policy " + policy);
            }
            GraphOptions options = GraphOptions.builder().optMaxNeighbours(m).optCutoff(cutoff).optMaxPathLength(maxPath)
                    .optIsolatedSites(IsolatedSitePolicy.values()[policy]).build();
            return new Header(name, version, hash, options);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new BadFileException("truncated or corrupt header (" + e + ")");
        }
    }

    /** The graph of a file whose header {@link #header} has read (the buffer stands after it). */
    static CrystalGraph graph(ByteBuffer buffer, Header header) throws BadFileException {
        try {
            int n = count(buffer.getInt(), "nodes");
            int f = count(buffer.getInt(), "node features");
            int e = count(buffer.getInt(), "edge features");
            int g = count(buffer.getInt(), "graph features");
            int m = header.options().maxNeighbours();
            int[] index = getInts(buffer, n * m);
            int[] image = getInts(buffer, n * m * 3);
            float[] distance = getFloats(buffer, n * m);
            float[] vector = getFloats(buffer, n * m * 3);
            boolean[] mask = new boolean[n * m];
            for (int k = 0; k < mask.length; k++) {
                mask[k] = buffer.get() != 0;
            }
            int[] in = getInts(buffer, n);
            int[] out = getInts(buffer, n);
            byte[] paths = new byte[n * n];
            buffer.get(paths);
            float[] nodes = getFloats(buffer, n * f);
            float[] edges = getFloats(buffer, n * m * e);
            float[] graph = getFloats(buffer, g);
            if (buffer.remaining() != 4) {
                throw new BadFileException(buffer.remaining() - 4 + " unexpected bytes after the graph");
            }
            GraphTopology topology = new GraphTopology(header.options(), n, index, image, distance, vector, mask, in, out,
                    paths);
            return new CrystalGraph(topology, header.featurizerName(), header.featurizerVersion(), f, e, nodes, edges, graph);
        } catch (BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException | NegativeArraySizeException ex) {
            throw new BadFileException("truncated graph (" + ex + ")");
        }
    }

    private static void checkFraming(ByteBuffer buffer) throws BadFileException {
        int length = buffer.limit();
        if (length < MAGIC.length + 8) {
            throw new BadFileException("only " + length + " bytes");
        }
        for (int k = 0; k < MAGIC.length; k++) {
            if (buffer.get(k) != MAGIC[k]) {
                throw new BadFileException("not a CGformer graph file (no CGFGRAPH magic)");
            }
        }
        int version = buffer.getInt(MAGIC.length);
        if (version != FORMAT_VERSION) {
            throw new BadFileException("unsupported format version " + version + " (this build reads " + FORMAT_VERSION + ")");
        }
        CRC32 crc = new CRC32();
        crc.update(buffer.array(), buffer.arrayOffset(), length - 4);
        if ((int) crc.getValue() != buffer.getInt(length - 4)) {
            throw new BadFileException("checksum mismatch (corrupt or truncated)");
        }
    }

    private static int count(int value, String what) throws BadFileException {
        if (value < 0 || value > MAX_COUNT) {
            throw new BadFileException("implausible number of " + what + ": " + value);
        }
        return value;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void putString(ByteBuffer buffer, byte[] bytes) {
        buffer.putShort((short) bytes.length).put(bytes);
    }

    private static String getString(ByteBuffer buffer) {
        byte[] bytes = new byte[Short.toUnsignedInt(buffer.getShort())];
        buffer.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void putFloats(ByteBuffer buffer, float[] values) {
        buffer.asFloatBuffer().put(values);
        skip(buffer, 4 * values.length);
    }

    private static void skip(ByteBuffer buffer, int bytes) {
        buffer.position(buffer.position() + bytes);
    }

    private static int[] getInts(ByteBuffer buffer, int count) {
        int[] values = new int[count];
        buffer.asIntBuffer().get(values);
        skip(buffer, 4 * count);
        return values;
    }

    private static float[] getFloats(ByteBuffer buffer, int count) {
        float[] values = new float[count];
        buffer.asFloatBuffer().get(values);
        skip(buffer, 4 * count);
        return values;
    }
}
