package org.cgformer.cli.internal;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.cgformer.bvse.api.DatasetLabeller;
import org.cgformer.cli.api.CommandLineRunner;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cgformer dataset-bvse-partition REQUEST --from A --to B --out FILE}: one partition of a partitioned
 * {@code dataset bvse}, as a distributed engine's worker runs it (hidden: not for people).
 */
@Command(name = "dataset-bvse-partition", hidden = true, mixinStandardHelpOptions = true, description = {
    "Label the structures [FROM, TO) of a partitioned dataset bvse (its REQUEST, written by dataset bvse --engine ...) and",
    "write one CSV row per structure to FILE. Run by the engine's workers."})
public class DatasetBvsePartitionCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "REQUEST", description = "OUT_DIR/.partitions/request.json of the dataset.")
    Path request;

    @Option(names = "--from", required = true, description = "First structure of the request's list, from 0.")
    long from;

    @Option(names = "--to", required = true, description = "End of the range (exclusive).")
    long to;

    @Option(names = "--threads", defaultValue = "1", description = "Structures computed at once (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where the rows go (written whole or not at all).")
    Path out;

    private final DatasetLabeller labeller;

    DatasetBvsePartitionCommand(DatasetLabeller labeller) {
        this.labeller = labeller;
    }

    @Override
    public Integer call() throws Exception {
        labeller.labelPartition(request, from, to, threads, out);
        return CommandLineRunner.OK;
    }
}
