package org.cgformer.screening.cli.internal;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.cgformer.cli.api.CommandLineRunner;
import org.cgformer.screening.api.ScreeningService;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cgformer screen-partition REQUEST --from A --to B --out FILE}: the work of one partition of a partitioned
 * screening, as a distributed engine's worker runs it (hidden: not for people).
 */
@Command(name = "screen-partition", hidden = true, mixinStandardHelpOptions = true, description = {
    "Generate, featurize and predict the candidates [FROM, TO) of a partitioned screening (its REQUEST, written by",
    "cgformer screen --engine ...) and write one CSV row per candidate to FILE. Run by the engine's workers."})
public class ScreenPartitionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "REQUEST", description = "stages/partitions/request.json of the report folder.")
    Path request;

    @Option(names = "--from", required = true, description = "First candidate (row of stages/candidates.csv), from 0.")
    long from;

    @Option(names = "--to", required = true, description = "End of the range (exclusive).")
    long to;

    @Option(names = "--threads", defaultValue = "1", description = "Threads of structure generation (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where the rows go (written whole or not at all).")
    Path out;

    private final ScreeningService service;

    ScreenPartitionCommand(ScreeningService service) {
        this.service = service;
    }

    @Override
    public Integer call() throws Exception {
        service.screenPartition(request, from, to, threads, out, new ConsoleListener(spec.commandLine().getErr()));
        return CommandLineRunner.OK;
    }
}
