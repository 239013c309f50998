package org.cgformer.graph.api;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.cgformer.structure.api.Structure;

/**
 * A featurized-dataset cache on disk: one binary file per graph ({@code <key>.cgg}, format in
 * {@link GraphCodec}: magic, format version, header, arrays, CRC-32), keyed by the SHA-256 of the
 * structure file's content together with the featurizer's name and version and the graph options.
 * A second run over the same files with the same featurizer reads graphs instead of featurizing.
 *
 * <p>A file that cannot be used (foreign, truncated, corrupt, an older format version, or a header
 * that does not match its key) is reported to the warning consumer, deleted and rebuilt. Safe for
 * concurrent use: files are written to a temporary name and moved into place.
 */
public final class GraphCache {

    /** Extension of cache files. */
    public static final String EXTENSION = ".cgg";
    /** Version of the binary layout written by this build. */
    public static final int FORMAT_VERSION = GraphCodec.FORMAT_VERSION;

    /** Computes a graph on a cache miss. */
    @FunctionalInterface
    public interface GraphSupplier {
        CrystalGraph get() throws FeaturizationException;
    }

    private final Path folder;
    private final Consumer<String> warnings;
    private final AtomicInteger hits = new AtomicInteger();
    private final AtomicInteger misses = new AtomicInteger();
    private final AtomicInteger rebuilt = new AtomicInteger();

    private GraphCache(Path folder, Consumer<String> warnings) {
        this.folder = folder;
        this.warnings = warnings;
    }

    /** The cache in {@code folder} (created if missing); unusable files are reported to {@code warnings}. */
    public static GraphCache open(Path folder, Consumer<String> warnings) throws IOException {
        Files.createDirectories(folder);
        return new GraphCache(folder, warnings);
    }

    public Path folder() {
        return folder;
    }

    /** SHA-256 of {@code content}, lower-case hex. */
    public static String contentHash(byte[] content) {
        return HexFormat.of().formatHex(sha256().digest(content));
    }

    /** Cache key of a file's content hash with this featurizer and these options. */
    public static String key(String contentHash, Featurizer featurizer, GraphOptions options) {
        String text = contentHash + "|" + featurizer.name() + "|" + featurizer.version() + "|" + options.key() + "|"
                + GraphCodec.FORMAT_VERSION;
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** The file of a key. */
    public Path file(String key) {
        return folder.resolve(key + EXTENSION);
    }

    /**
     * The graph stored for this content hash, featurizer and options, or empty when there is none
     * or the file was unusable (then it is reported and deleted).
     */
    public Optional<CrystalGraph> load(String contentHash, Featurizer featurizer, GraphOptions options) throws IOException {
        Path file = file(key(contentHash, featurizer, options));
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            GraphCodec.Header header = GraphCodec.header(buffer);
            checkHeader(header, contentHash, featurizer, options);
            return Optional.of(GraphCodec.graph(buffer, header));
        } catch (GraphCodec.BadFileException e) {
            warnings.accept("cache file " + file + " is unusable (" + e.getMessage() + "); featurizing again");
            Files.deleteIfExists(file);
            rebuilt.incrementAndGet();
            return Optional.empty();
        }
    }

    private static void checkHeader(GraphCodec.Header header, String contentHash, Featurizer featurizer,
            GraphOptions options) throws GraphCodec.BadFileException {
        if (!header.contentHash().equals(contentHash) || !header.featurizerName().equals(featurizer.name())
                || !header.featurizerVersion().equals(featurizer.version()) || !header.options().equals(options)) {
            throw new GraphCodec.BadFileException("it holds " + header.featurizerName() + " " + header.featurizerVersion()
                    + " " + header.options() + " of content " + header.contentHash() + ", not what its name says");
        }
    }

    /** Writes the graph of a file's content (atomically: a temporary file moved into place). */
    public void store(String contentHash, CrystalGraph graph, Featurizer featurizer) throws IOException {
        Path file = file(key(contentHash, featurizer, graph.topology().options()));
        Path temporary = Files.createTempFile(folder, "writing-", ".tmp");
        try {
            Files.write(temporary, GraphCodec.encode(graph, contentHash));
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * The cached graph of {@code content}, or the graph {@code compute} gives, which is then stored.
     */
    public CrystalGraph computeIfAbsent(byte[] content, Featurizer featurizer, GraphOptions options,
            GraphSupplier compute) throws IOException, FeaturizationException {
        String hash = contentHash(content);
        Optional<CrystalGraph> cached = load(hash, featurizer, options);
        if (cached.isPresent()) {
            hits.incrementAndGet();
            return cached.get();
        }
        misses.incrementAndGet();
        CrystalGraph graph = compute.get();
        store(hash, graph, featurizer);
        return graph;
    }

    /** {@link #computeIfAbsent} featurizing {@code structure} on a miss. */
    public CrystalGraph computeIfAbsent(byte[] content, Structure structure, Featurizer featurizer, GraphOptions options)
            throws IOException, FeaturizationException {
        return computeIfAbsent(content, featurizer, options, () -> featurizer.featurize(structure, options));
    }

    /** Graphs read from the cache so far. */
    public int hits() {
        return hits.get();
    }

    /** Graphs computed (and stored) so far. */
    public int misses() {
        return misses.get();
    }

    /** Unusable files reported and rebuilt so far. */
    public int rebuilt() {
        return rebuilt.get();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the Java runtime has no SHA-256", e);
        }
    }
}
