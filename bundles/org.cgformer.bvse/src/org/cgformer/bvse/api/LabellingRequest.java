package org.cgformer.bvse.api;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@link DatasetLabeller#label} does.
 *
 * @param source    folder of structure files, searched recursively (files no installed reader accepts are ignored)
 * @param output    dataset folder, created or extended
 * @param options   BVSE settings; use one thread per structure ({@code optThreads(1)}), the structures run in parallel
 * @param dimension which barrier is the label: 1, 2 or 3 (Ea1D, Ea2D, Ea3D)
 * @param threads   structures computed at once, at least 1
 */
public record LabellingRequest(Path source, Path output, BvseOptions options, int dimension, int threads) {

    public LabellingRequest {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(options, "options");
        if (dimension < 1 || dimension > 3) {
            throw new IllegalArgumentException("dimension must be 1, 2 or 3, got " + dimension);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
    }

    /** Ea3D labels of Na+ at {@code resolutionAngstrom} on all cores, one thread per structure. */
    public static LabellingRequest of(Path source, Path output, double resolutionAngstrom) {
        BvseOptions options = BvseOptions.builder().optResolution(resolutionAngstrom).optThreads(1).build();
        return new LabellingRequest(source, output, options, 3, Runtime.getRuntime().availableProcessors());
    }

    /** The label's name, e.g. {@code BVSE Ea3D (eV)}. */
    public String labelName() {
        return "BVSE Ea" + dimension + "D (eV)";
    }
}
