package org.cgformer.ml.training;

import java.nio.file.Path;

/**
 * An item a batch left out, with the reason.
 *
 * @param id the dataset id (file name without extension)
 * @param file the structure file
 * @param reason what went wrong, naming file and line where the reader knows them
 */
public record Refused(String id, Path file, String reason) {
}
