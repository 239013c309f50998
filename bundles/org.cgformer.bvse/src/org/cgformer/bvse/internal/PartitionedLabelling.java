package org.cgformer.bvse.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.cgformer.bvse.api.BvseOptions;
import org.cgformer.bvse.api.LabellingRequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The partition request of a partitioned labelling ({@code OUTPUT/.partitions/request.json}): the BVSE settings and the
 * structures to compute, as absolute {@code file:} URIs (a worker runs elsewhere); a partition is a range of them. The
 * results go to a folder named by the request's digest, so that only a run with the same work reuses them.
 *
 * @param request the request file
 * @param results the folder of the partitions' results
 */
record PartitionedLabelling(Path request, Path results) {

    static final String FORMAT = "cgformer-label-partition/1";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** A request as a worker reads it. */
    record Read(LabellingRequest request, List<Path> files) {
    }

    static PartitionedLabelling write(LabellingRequest request, List<Path> todo, Path folder) throws IOException {
        BvseOptions o = request.options();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("source", request.source().toAbsolutePath().normalize().toUri().toString());
        root.put("ion", o.mobileElement());
        root.put("charge", o.mobileCharge());
        root.put("resolution", o.resolutionAngstrom());
        root.put("cutoff", o.cutoffAngstrom());
        root.put("maxBarrier", o.maxBarrierEv());
        root.put("refinement", o.refinement());
        root.put("dimension", request.dimension());
        root.put("files", todo.stream().map(f -> f.toAbsolutePath().normalize().toUri().toString()).toList());
        byte[] bytes = JSON.writeValueAsBytes(root);
        Files.createDirectories(folder);
        Path file = folder.resolve("request.json");
        Files.write(file, bytes);
        return new PartitionedLabelling(file.toAbsolutePath(), Files.createDirectories(folder.resolve(digest(bytes))).toAbsolutePath());
    }

    static Read read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no labelling request " + file + " (is the dataset folder on a file system this worker can read?)");
        }
        JsonNode root = JSON.readTree(file.toFile());
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new IOException(file + " is not a labelling request of this version (" + FORMAT + ")");
        }
        BvseOptions options = BvseOptions.builder().optMobileIon(root.path("ion").asText(), root.path("charge").asInt())
                .optResolution(root.path("resolution").asDouble()).optCutoff(root.path("cutoff").asDouble())
                .optMaxBarrier(root.path("maxBarrier").asDouble()).optRefinement(root.path("refinement").asInt()).optThreads(1).build();
        List<Path> files = new ArrayList<>();
        root.path("files").forEach(f -> files.add(Path.of(URI.create(f.asText()))));
        Path source = Path.of(URI.create(root.path("source").asText()));
        // the output of a partition is the worker's own temporary folder; the request's is not used there
        return new Read(new LabellingRequest(source, source, options, root.path("dimension").asInt(), 1), files);
    }

    /** Deletes the request and the results once they are merged into the dataset. */
    void delete() throws IOException {
        deleteTree(request.getParent());
    }

    /** Deletes {@code folder} with everything in it. */
    static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
