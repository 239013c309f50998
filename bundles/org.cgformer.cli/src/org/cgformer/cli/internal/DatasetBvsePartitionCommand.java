package org.cgformer.cli.internal;

import java.util.concurrent.Callable;

import org.cgformer.bvse.api.DatasetLabeller;
import org.cgformer.cli.api.CommandLineRunner;
import org.cgformer.cli.options.PartitionOptions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code cgformer dataset-bvse-partition REQUEST --from A --to B --out FILE}: one partition of a partitioned
 * {@code dataset bvse}, as a distributed engine's worker runs it (hidden: not for people).
 */
@Command(name = "dataset-bvse-partition", hidden = true, mixinStandardHelpOptions = true, description = {
    "Label the structures [FROM, TO) of a partitioned dataset bvse (its REQUEST, OUT_DIR/.partitions/request.json, written",
    "by dataset bvse --engine ...) and write one CSV row per structure to FILE. Run by the engine's workers."})
public class DatasetBvsePartitionCommand implements Callable<Integer> {

    @Mixin
    PartitionOptions partition = new PartitionOptions();

    private final DatasetLabeller labeller;

    DatasetBvsePartitionCommand(DatasetLabeller labeller) {
        this.labeller = labeller;
    }

    @Override
    public Integer call() throws Exception {
        labeller.labelPartition(partition.request(), partition.from(), partition.to(), partition.threads(), partition.out());
        return CommandLineRunner.OK;
    }
}
