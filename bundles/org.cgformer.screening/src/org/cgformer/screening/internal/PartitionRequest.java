package org.cgformer.screening.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.cgformer.screening.api.ScreeningException;
import org.cgformer.screening.api.ScreeningOptions;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * What every partition of a partitioned screening needs (the design space, the options, the funnel's candidates), as
 * the driver writes it for the workers: {@code stages/partitions/request.json}. Paths are absolute {@code file:} URIs,
 * since a worker runs in another folder (and possibly on another node of a shared file system).
 *
 * @param designSpace the .designspace file
 * @param options     the run's options
 * @param candidates  the funnel stage's {@code stages/candidates.csv}; a partition is a range of its rows
 */
record PartitionRequest(Path designSpace, ScreeningOptions options, Path candidates) {

    /** Written into the request, so that a worker of another version refuses it instead of misreading it. */
    static final String FORMAT = "cgformer-screen-partition/1";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The request file's bytes: the same inputs give the same bytes (their digest names the partitions' folder). */
    static byte[] bytes(Path designSpace, ScreeningOptions options, Path candidates) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("designSpace", designSpace.toAbsolutePath().normalize().toUri().toString());
        root.put("candidates", candidates.toAbsolutePath().normalize().toUri().toString());
        root.put("options", JSON.valueToTree(options));
        return JSON.writeValueAsBytes(root);
    }

    /**
     * Reads a request.
     *
     * @throws ScreeningException naming the file when it is no partition request of this version
     */
    static PartitionRequest read(Path file) throws IOException, ScreeningException {
        if (!Files.isRegularFile(file)) {
            throw new ScreeningException("no partition request " + file + " (is the report folder on a file system this worker can read?)");
        }
        JsonNode root = JSON.readTree(file.toFile());
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new ScreeningException(file + " is not a partition request of this version (" + FORMAT + ")");
        }
        try {
            return new PartitionRequest(Path.of(java.net.URI.create(root.path("designSpace").asText())),
                    JSON.treeToValue(root.path("options"), ScreeningOptions.class), Path.of(java.net.URI.create(root.path("candidates").asText())));
        } catch (IllegalArgumentException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ScreeningException(file + ": " + e.getMessage(), e);
        }
    }
}
