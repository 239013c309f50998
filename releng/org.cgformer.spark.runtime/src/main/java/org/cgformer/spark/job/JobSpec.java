package org.cgformer.spark.job;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The job the Spark engine bundle hands to {@link PartitionDriver}, as JSON: only strings and numbers cross from the
 * OSGi process to Spark.
 *
 * @param name         the job's name (Spark's application name)
 * @param master       Spark master URL
 * @param settings     Spark configuration
 * @param cgformerHome the cgformer installation the executors start (its {@code bundles/} folder; the same path on
 *                     every node)
 * @param properties   system properties of the cgformer process that the executors' runtime needs (caches, threads)
 * @param resultFolder where each partition's result goes
 * @param partitions   the partitions to run
 */
record JobSpec(String name, String master, Map<String, String> settings, String cgformerHome, Map<String, String> properties,
        Path resultFolder, List<Task> partitions) {

    /**
     * One partition: its index range, its result file name and its cgformer command, in which {@code {out}} and
     * {@code {threads}} are still to be replaced on the executor.
     */
    record Task(int index, long from, long to, String fileName, List<String> command) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    static JobSpec read(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        List<Task> tasks = new ArrayList<>();
        for (JsonNode p : root.path("partitions")) {
            List<String> command = new ArrayList<>();
            p.path("command").forEach(a -> command.add(a.asText()));
            tasks.add(new Task(p.path("index").asInt(), p.path("from").asLong(), p.path("to").asLong(), p.path("fileName").asText(), command));
        }
        if (tasks.isEmpty()) {
            throw new IOException(file + " lists no partitions");
        }
        return new JobSpec(text(root, "name", file), text(root, "master", file), strings(root.path("settings")), text(root, "cgformerHome", file),
                strings(root.path("properties")), Path.of(text(root, "resultFolder", file)), tasks);
    }

    private static String text(JsonNode root, String field, Path file) throws IOException {
        if (!root.hasNonNull(field)) {
            throw new IOException(file + " has no " + field);
        }
        return root.get(field).asText();
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> map = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }
}
