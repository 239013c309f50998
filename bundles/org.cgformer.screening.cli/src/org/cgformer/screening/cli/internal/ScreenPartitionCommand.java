package org.cgformer.screening.cli.internal;

import java.util.concurrent.Callable;

import org.cgformer.cli.api.CommandLineRunner;
import org.cgformer.cli.options.PartitionOptions;
import org.cgformer.screening.api.ScreeningService;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code cgformer screen-partition REQUEST --from A --to B --out FILE}: the work of one partition of a partitioned
 * screening, as a distributed engine's worker runs it (hidden: not for people).
 */
@Command(name = "screen-partition", hidden = true, mixinStandardHelpOptions = true, description = {
    "Generate, featurize and predict the candidates [FROM, TO) of a partitioned screening (its REQUEST,",
    "REPORT_DIR/stages/partitions/request.json, written by cgformer screen --engine ...) and write one CSV row per",
    "candidate to FILE. Run by the engine's workers."})
public class ScreenPartitionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    PartitionOptions partition = new PartitionOptions();

    private final ScreeningService service;

    ScreenPartitionCommand(ScreeningService service) {
        this.service = service;
    }

    @Override
    public Integer call() throws Exception {
        service.screenPartition(partition.request(), partition.from(), partition.to(), partition.threads(), partition.out(),
                new ConsoleListener(spec.commandLine().getErr()));
        return CommandLineRunner.OK;
    }
}
