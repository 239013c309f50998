package org.cgformer.screening.cli.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.cgformer.screening.api.Execution;

import picocli.CommandLine.Option;

/** {@code --engine}, {@code --master}, {@code --partitions} and {@code --conf} of the commands that screen. */
public class ExecutionOptions {

    @Option(names = "--engine", defaultValue = "local", paramLabel = "local|spark",
            description = "Where generation, featurization and prediction run: in this process (local, the default), or partitioned on "
                    + "Apache Spark (spark; needs the Spark add-on, docs/distributed.md).")
    String engine;

    @Option(names = "--master", paramLabel = "URL",
            description = "The Spark master with --engine spark: local[N] (Spark on this machine, N task slots), spark://HOST:7077 "
                    + "(a standalone cluster, e.g. started by cgformer-spark-cluster), yarn or k8s://...")
    String master;

    @Option(names = "--partitions", defaultValue = "0", paramLabel = "N",
            description = "Index ranges the candidates are split into with --engine spark (default: one per "
                    + Execution.DEFAULT_PARTITION_SIZE + " candidates).")
    int partitions;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "A Spark setting, e.g. --conf spark.executor.memory=4g (repeatable).")
    Map<String, String> settings = new LinkedHashMap<>();

    /** The execution the options describe. */
    Execution execution() {
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
