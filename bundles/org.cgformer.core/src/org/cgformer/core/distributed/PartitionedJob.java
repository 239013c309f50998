package org.cgformer.core.distributed;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A job whose partitions are independent: each runs one {@code cgformer} command (the same bundles' code as a local
 * run) on its index range and leaves a result file. The driver merges the files.
 *
 * @param name         what the job does, for progress and the engine's application name (e.g. "screen")
 * @param command      the {@code cgformer} arguments of one partition's work, with the placeholders {@link #FROM},
 *                     {@link #TO} and {@link #OUT} (a file the command writes; the engine copies it to
 *                     {@code resultFolder/partition.fileName()}) and {@link #THREADS} (the cores the task may use)
 * @param partitions   the partitions still to run; finished ones of an earlier run are left out by the caller
 * @param resultFolder where each finished partition's result file is written, whole or not at all
 * @param master       where the engine runs: for Spark {@code local[N]}, {@code spark://HOST:PORT}, {@code yarn}, ...
 * @param settings     engine settings (for Spark: configuration keys such as {@code spark.executor.memory})
 */
public record PartitionedJob(String name, List<String> command, List<Partition> partitions, Path resultFolder, String master,
        Map<String, String> settings) {

    /** Placeholder of the partition's first item. */
    public static final String FROM = "{from}";
    /** Placeholder of the partition's end (exclusive). */
    public static final String TO = "{to}";
    /** Placeholder of the file the command writes its result to. */
    public static final String OUT = "{out}";
    /** Placeholder of the number of threads the command may use. */
    public static final String THREADS = "{threads}";

    public PartitionedJob {
        command = List.copyOf(command);
        partitions = List.copyOf(partitions);
        settings = Map.copyOf(settings);
    }

    /**
     * The arguments of a partition command of the usual shape, {@code NAME REQUEST --from {from} --to {to} --threads
     * {threads} --out {out}} (the {@code PartitionOptions} of the command line).
     */
    public static List<String> workerCommand(String name, Path request) {
        return List.of(name, request.toAbsolutePath().toString(), "--from", FROM, "--to", TO, "--threads", THREADS, "--out", OUT);
    }

    /** The command of one partition with its range filled in; {@link #OUT} and {@link #THREADS} are left for the worker. */
    public List<String> commandFor(Partition partition) {
        return command.stream().map(a -> a.replace(FROM, Long.toString(partition.from())).replace(TO, Long.toString(partition.to()))).toList();
    }

    /** The command of one partition: the placeholders replaced. */
    public List<String> commandFor(Partition partition, Path out, int threads) {
        return commandFor(partition).stream().map(a -> a.replace(OUT, out.toString()).replace(THREADS, Integer.toString(threads))).toList();
    }
}
