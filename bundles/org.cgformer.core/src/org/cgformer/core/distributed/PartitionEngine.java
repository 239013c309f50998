package org.cgformer.core.distributed;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * A distributed engine that runs the partitions of a {@link PartitionedJob} (a DS service; the Spark engine of bundle
 * {@code org.cgformer.spark} is one). The work of a partition is always a {@code cgformer} command of the installed
 * bundles, so a distributed run computes what a local run computes.
 */
public interface PartitionEngine {

    /** The engine's name, as {@code --engine} takes it. */
    String name();

    /**
     * Runs every partition of {@code job} and returns when each has its result file in {@code job.resultFolder()}; a
     * partition that fails is retried by the engine, and one that still fails fails the job.
     *
     * @param progress told one line at a time what the engine does (partitions finished, executors lost)
     * @throws IOException when the engine cannot start or a partition fails for good (the message names it)
     */
    void run(PartitionedJob job, Consumer<String> progress) throws IOException;

    /**
     * The engine named {@code name} among {@code engines} (the services a component has bound).
     *
     * @throws IOException naming the engines that are installed when none has that name
     */
    static PartitionEngine find(Collection<? extends PartitionEngine> engines, String name) throws IOException {
        List<String> installed = new ArrayList<>(List.of("local"));
        for (PartitionEngine engine : engines) {
            if (engine.name().equals(name)) {
                return engine;
            }
            installed.add(engine.name());
        }
        throw new IOException("no engine '" + name + "' is installed (installed: " + String.join(", ", installed)
                + "); the Spark engine needs the Spark add-on, see docs/distributed.md");
    }
}
