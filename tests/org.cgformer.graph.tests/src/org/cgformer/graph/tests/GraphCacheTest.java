package org.cgformer.graph.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.cgformer.graph.api.CrystalGraph;
import org.cgformer.graph.api.GraphCache;
import org.cgformer.graph.api.GraphOptions;
import org.cgformer.graph.internal.CgcnnFeaturizer;
import org.cgformer.graph.internal.CgformerFeaturizer;
import org.cgformer.structure.api.Structure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The on-disk graph cache: round trip, hits on a second run, corrupt and foreign files rebuilt with a warning. */
class GraphCacheTest {

    private final CgformerFeaturizer featurizer = new CgformerFeaturizer();
    private final List<String> warnings = new ArrayList<>();

    private static byte[] nasiconBytes() throws Exception {
        return Files.readAllBytes(SharedStructures.data(SharedStructures.NASICON));
    }

    @Test
    void roundTripsEveryArray(@TempDir Path folder) throws Exception {
        GraphCache cache = GraphCache.open(folder, warnings::add);
        CrystalGraph graph = featurizer.featurize(SharedStructures.read(SharedStructures.NASICON));
        String hash = GraphCache.contentHash(nasiconBytes());
        cache.store(hash, graph, featurizer);
        CrystalGraph loaded = cache.load(hash, featurizer, GraphOptions.defaults()).orElseThrow();
        assertArrayEquals(graph.nodeFeatures(), loaded.nodeFeatures());
        assertArrayEquals(graph.edgeFeatures(), loaded.edgeFeatures());
        assertArrayEquals(graph.graphFeatures(), loaded.graphFeatures());
        assertArrayEquals(graph.topology().neighbourIndex(), loaded.topology().neighbourIndex());
        assertArrayEquals(graph.topology().neighbourImage(), loaded.topology().neighbourImage());
        assertArrayEquals(graph.topology().neighbourDistance(), loaded.topology().neighbourDistance());
        assertArrayEquals(graph.topology().neighbourVector(), loaded.topology().neighbourVector());
        assertArrayEquals(graph.topology().neighbourMask(), loaded.topology().neighbourMask());
        assertArrayEquals(graph.inDegree(), loaded.inDegree());
        assertArrayEquals(graph.outDegree(), loaded.outDegree());
        assertArrayEquals(graph.shortestPath(), loaded.shortestPath());
        assertEquals(GraphOptions.defaults(), loaded.topology().options());
        assertEquals("cgformer", loaded.featurizerName());
        assertTrue(warnings.isEmpty(), warnings.toString());
    }

    @Test
    void secondRunReadsTheGraphInsteadOfFeaturizing(@TempDir Path folder) throws Exception {
        Structure nasicon = SharedStructures.read(SharedStructures.NASICON);
        AtomicInteger computed = new AtomicInteger();
        for (int run = 0; run < 2; run++) {
            GraphCache cache = GraphCache.open(folder, warnings::add);
            cache.computeIfAbsent(nasiconBytes(), featurizer, GraphOptions.defaults(), () -> {
                computed.incrementAndGet();
                return featurizer.featurize(nasicon);
            });
        }
        assertEquals(1, computed.get());
        assertTrue(warnings.isEmpty(), warnings.toString());
    }

    @Test
    void keysDifferByContentFeaturizerAndOptions() throws Exception {
        String hash = GraphCache.contentHash(nasiconBytes());
        String key = GraphCache.key(hash, featurizer, GraphOptions.defaults());
        assertNotEquals(key, GraphCache.key(hash, new CgcnnFeaturizer(), GraphOptions.defaults()));
        assertNotEquals(key, GraphCache.key(hash, featurizer, GraphOptions.builder().optMaxNeighbours(8).build()));
        assertNotEquals(key, GraphCache.key(GraphCache.contentHash(new byte[] {1}), featurizer, GraphOptions.defaults()));
        assertEquals(key, GraphCache.key(hash, new CgformerFeaturizer(), GraphOptions.defaults()));
    }

    @Test
    void corruptFileIsReportedAndRebuilt(@TempDir Path folder) throws Exception {
        Path file = storedNasicon(folder);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(file, bytes);
        assertRebuilt(folder, "checksum");
    }

    @Test
    void truncatedFileIsReportedAndRebuilt(@TempDir Path folder) throws Exception {
        Path file = storedNasicon(folder);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 3));
        assertRebuilt(folder, "checksum");
    }

    @Test
    void foreignFileIsReportedAndRebuilt(@TempDir Path folder) throws Exception {
        Path file = storedNasicon(folder);
        Files.writeString(file, "data_not_a_graph\n_cell_length_a 5\n");
        assertRebuilt(folder, "not a CGformer graph file");
    }

    @Test
    void otherFormatVersionIsReportedAndRebuilt(@TempDir Path folder) throws Exception {
        Path file = storedNasicon(folder);
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(8, 99);
        Files.write(file, bytes);
        assertRebuilt(folder, "unsupported format version 99");
    }

    @Test
    void fileHoldingAnotherGraphIsReportedAndRebuilt(@TempDir Path folder) throws Exception {
        Path file = storedNasicon(folder);
        GraphCache cache = GraphCache.open(folder, warnings::add);
        String otherHash = GraphCache.contentHash(new byte[] {42});
        cache.store(otherHash, featurizer.featurize(SharedStructures.cubic("Na", 3)), featurizer);
        Files.copy(cache.file(GraphCache.key(otherHash, featurizer, GraphOptions.defaults())), file,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertRebuilt(folder, "not what its name says");
    }

    private Path storedNasicon(Path folder) throws Exception {
        GraphCache cache = GraphCache.open(folder, warnings::add);
        String hash = GraphCache.contentHash(nasiconBytes());
        cache.store(hash, featurizer.featurize(SharedStructures.read(SharedStructures.NASICON)), featurizer);
        return cache.file(GraphCache.key(hash, featurizer, GraphOptions.defaults()));
    }

    private void assertRebuilt(Path folder, String reason) throws Exception {
        GraphCache cache = GraphCache.open(folder, warnings::add);
        AtomicInteger computed = new AtomicInteger();
        Structure nasicon = SharedStructures.read(SharedStructures.NASICON);
        CrystalGraph graph = cache.computeIfAbsent(nasiconBytes(), featurizer, GraphOptions.defaults(), () -> {
            computed.incrementAndGet();
            return featurizer.featurize(nasicon);
        });
        assertEquals(1, computed.get(), "featurized again");
        assertEquals(1, cache.rebuilt());
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains(reason) && warnings.get(0).contains(".cgg"), warnings.get(0));
        assertEquals(126, graph.nodes());
        warnings.clear();
        assertFalse(cache.load(GraphCache.contentHash(nasiconBytes()), featurizer, GraphOptions.defaults()).isEmpty(),
                "the rebuilt file is good");
        assertTrue(warnings.isEmpty(), warnings.toString());
    }
}
