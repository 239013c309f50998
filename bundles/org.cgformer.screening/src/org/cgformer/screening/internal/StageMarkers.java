package org.cgformer.screening.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code REPORT/stages/<stage>.done}: two lines, the SHA-256 of the stage's inputs and the seconds the stage took.
 * Written after the stage's output is complete, so an interrupted stage has no marker and runs again.
 */
final class StageMarkers {

    static final String FOLDER = "stages";

    private final Path folder;

    StageMarkers(Path report) {
        this.folder = report.resolve(FOLDER);
    }

    /** The seconds recorded for a stage finished with these inputs, or null when it must run. */
    Double secondsIfDone(String stage, String inputsDigest) throws IOException {
        Path marker = marker(stage);
        if (!Files.isRegularFile(marker)) {
            return null;
        }
        String[] lines = Files.readString(marker, StandardCharsets.UTF_8).split("\n");
        if (lines.length < 2 || !lines[0].trim().equals(inputsDigest)) {
            return null;
        }
        try {
            return Double.parseDouble(lines[1].trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    void done(String stage, String inputsDigest, double seconds) throws IOException {
        Files.createDirectories(folder);
        Files.writeString(marker(stage), inputsDigest + "\n" + String.format(Locale.ROOT, "%.3f", seconds) + "\n", StandardCharsets.UTF_8);
    }

    void clear(String stage) throws IOException {
        Files.deleteIfExists(marker(stage));
    }

    private Path marker(String stage) {
        return folder.resolve(stage + ".done");
    }
}
