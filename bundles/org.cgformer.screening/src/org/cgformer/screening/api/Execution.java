package org.cgformer.screening.api;

import java.util.Map;

/**
 * Where a screening's per-candidate stages (generate, featurize, predict) run: in this process ({@link #LOCAL}, the
 * default), or partitioned on a distributed engine (a {@code org.cgformer.core.distributed.PartitionEngine} service
 * of that name, such as Spark). The funnel, ranking, validation and report run in this process either way, and the
 * report is the same.
 *
 * @param engine     "local", or the name of an installed engine ("spark")
 * @param master     where the engine runs (Spark: {@code local[N]}, {@code spark://HOST:PORT}, {@code yarn}); null for local
 * @param partitions how many index ranges the candidates are split into; 0: one per {@link #DEFAULT_PARTITION_SIZE}
 *                   candidates
 * @param settings   engine settings (Spark configuration keys)
 * @since 3.1
 */
public record Execution(String engine, String master, int partitions, Map<String, String> settings) {

    /** The in-process run. */
    public static final Execution LOCAL = new Execution("local", null, 0, Map.of());
    /** Candidates per partition when the partition count is not given. */
    public static final int DEFAULT_PARTITION_SIZE = 500;

    public Execution {
        if (engine == null || engine.isBlank()) {
            throw new IllegalArgumentException("an engine name is required (local, spark, ...)");
        }
        if (partitions < 0) {
            throw new IllegalArgumentException("partitions must be 0 (automatic) or more, not " + partitions);
        }
        if (!"local".equals(engine) && (master == null || master.isBlank())) {
            throw new IllegalArgumentException("engine " + engine + " needs a master (e.g. local[2] or spark://HOST:7077)");
        }
        settings = settings == null ? Map.of() : Map.copyOf(settings);
    }

    /** True for the in-process run. */
    public boolean local() {
        return "local".equals(engine);
    }

    /** The number of partitions for {@code candidates} candidates. */
    public int partitionsFor(long candidates) {
        return partitions > 0 ? partitions : (int) Math.max(1, (candidates + DEFAULT_PARTITION_SIZE - 1) / DEFAULT_PARTITION_SIZE);
    }
}
