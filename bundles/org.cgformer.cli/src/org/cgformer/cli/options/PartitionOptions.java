package org.cgformer.cli.options;

import java.nio.file.Path;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The arguments of a partition command, as a distributed engine's worker passes them
 * ({@code REQUEST --from A --to B --threads T --out FILE}): a picocli mixin of the hidden {@code screen-partition} and
 * {@code dataset-bvse-partition}.
 */
public class PartitionOptions {

    @Parameters(index = "0", paramLabel = "REQUEST", description = "The partition request the job's driver wrote.")
    Path request;

    @Option(names = "--from", required = true, description = "First item of the request's list, from 0.")
    long from;

    @Option(names = "--to", required = true, description = "End of the range (exclusive).")
    long to;

    @Option(names = "--threads", defaultValue = "1", description = "Threads the partition may use (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where the rows go (written whole or not at all).")
    Path out;

    public Path request() {
        return request;
    }

    public long from() {
        return from;
    }

    public long to() {
        return to;
    }

    public int threads() {
        return threads;
    }

    public Path out() {
        return out;
    }
}
