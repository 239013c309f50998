package org.cgformer.cli.options;

import java.util.LinkedHashMap;
import java.util.Map;

import org.cgformer.core.distributed.Execution;

import picocli.CommandLine.Option;

/**
 * {@code --engine}, {@code --master}, {@code --partitions} and {@code --conf}: where a command's partitionable work
 * runs (a picocli mixin of {@code screen}, {@code bench screen} and {@code dataset bvse}).
 */
public class ExecutionOptions {

    @Option(names = "--engine", defaultValue = "local", paramLabel = "local|spark",
            description = "Where the work runs: in this process (local, the default), or partitioned on Apache Spark (spark; needs the "
                    + "Spark add-on, docs/distributed.md).")
    String engine;

    @Option(names = "--master", paramLabel = "URL",
            description = "The Spark master with --engine spark: local[N] (Spark on this machine, N task slots), spark://HOST:7077 "
                    + "(a standalone cluster, e.g. started by spark/bin/cgformer-spark-cluster), yarn or k8s://...")
    String master;

    @Option(names = "--partitions", defaultValue = "0", paramLabel = "N",
            description = "Index ranges the work is split into with --engine spark (default: one per 500 candidates for screen, per 200 "
                    + "structures for dataset bvse).")
    int partitions;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "A Spark setting, e.g. --conf spark.executor.memory=4g (repeatable).")
    Map<String, String> settings = new LinkedHashMap<>();

    /** The execution the options describe; {@code --engine} other than local without {@code --master} is refused. */
    public Execution execution() {
        if ("local".equals(engine)) {
            return Execution.LOCAL;
        }
        if (master == null) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--engine " + engine + " needs --master (local[2], spark://HOST:7077, ...)");
        }
        return new Execution(engine, master, partitions, settings);
    }
}
