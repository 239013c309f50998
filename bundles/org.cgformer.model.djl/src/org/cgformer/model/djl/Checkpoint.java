package org.cgformer.model.djl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The state of a training after an epoch, in a checkpoint folder: {@value #STATE} (key, epoch, best epoch and
 * validation MAE, throughput counters), {@value #CURRENT} (the parameters after the epoch) and {@value #BEST} (the
 * best epoch's). Files are written to temporary names and moved into place, the state (with the checksums of both
 * parameter files) last: a crash while writing leaves files whose checksums do not match, and that checkpoint is
 * ignored. The shuffling state is not stored: it is replayed from the seed.
 * Not restored on resume: the optimizer's moments (DJL cannot save them) and the engine's random state.
 */
record Checkpoint(String key, int epoch, int bestEpoch, double bestMae, long trainNanos, long trainStructures, byte[] current,
        byte[] best) {

    static final String STATE = "checkpoint.json";
    static final String CURRENT = "current.djl";
    static final String BEST = "best.djl";
    private static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The checkpoint in {@code folder} written for {@code key}, or null when there is none, it is incomplete or it
     * belongs to another run (another key: it is then replaced by this run's).
     */
    static Checkpoint read(Path folder, String key) {
        Path state = folder.resolve(STATE);
        if (!Files.isRegularFile(state)) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(state.toFile());
            if (node == null || node.path("format").asInt() != FORMAT || !key.equals(node.path("key").asText())) {
                return null;
            }
            byte[] current = Files.readAllBytes(folder.resolve(CURRENT));
            byte[] best = Files.readAllBytes(folder.resolve(BEST));
            if (!DjlPropertyModel.sha256(current).equals(node.path("currentSha256").asText())
                    || !DjlPropertyModel.sha256(best).equals(node.path("bestSha256").asText())) {
                return null;
            }
            return new Checkpoint(key, node.path("epoch").asInt(), node.path("bestEpoch").asInt(),
                    node.path("bestMae").isNumber() ? node.path("bestMae").asDouble() : Double.NaN, node.path("trainNanos").asLong(),
                    node.path("trainStructures").asLong(), current, best);
        } catch (IOException e) {
            // an unreadable checkpoint is reported, not skipped: training silently from epoch 1 would hide lost work
            throw new UncheckedIOException("cannot read the checkpoint in " + folder + " (" + e.getMessage()
                    + "); fix its permissions, or delete the folder to train afresh", e);
        }
    }

    void write(Path folder) {
        try {
            Files.createDirectories(folder);
            writeAtomically(folder.resolve(CURRENT), current);
            writeAtomically(folder.resolve(BEST), best);
            ObjectNode node = JSON.createObjectNode();
            node.put("format", FORMAT);
            node.put("key", key);
            node.put("epoch", epoch);
            node.put("bestEpoch", bestEpoch);
            if (Double.isFinite(bestMae)) {
                node.put("bestMae", bestMae);
            }
            node.put("trainNanos", trainNanos);
            node.put("trainStructures", trainStructures);
            node.put("currentSha256", DjlPropertyModel.sha256(current));
            node.put("bestSha256", DjlPropertyModel.sha256(best));
            node.put("notRestored", "optimizer moments (DJL cannot save them), engine random state");
            writeAtomically(folder.resolve(STATE), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(node));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint in " + folder + ": " + e.getMessage(), e);
        }
    }

    private static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
