package org.cgformer.core.distributed;

import java.util.Map;

/**
 * Where the independent part of a job runs (a screening's generate, featurize and predict, a dataset's labelling): in
 * this process ({@link #LOCAL}, the default), or partitioned on a distributed engine (the {@link PartitionEngine}
 * service of that name, such as Spark). The rest of the job runs in this process either way, and its output is the
 * same.
 *
 * @param engine     "local", or the name of an installed engine ("spark")
 * @param master     where the engine runs (Spark: {@code local[N]}, {@code spark://HOST:PORT}, {@code yarn}); null for local
 * @param partitions how many index ranges the items are split into; 0: the job's default size per partition
 * @param settings   engine settings (Spark configuration keys)
 */
public record Execution(String engine, String master, int partitions, Map<String, String> settings) {

    /** The in-process run. */
    public static final Execution LOCAL = new Execution("local", null, 0, Map.of());

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

    /** The number of partitions for {@code items} items: as asked, else one per {@code defaultSize} items (at least one). */
    public int partitionsFor(long items, int defaultSize) {
        return partitions > 0 ? partitions : (int) Math.max(1, (items + defaultSize - 1) / defaultSize);
    }
}
