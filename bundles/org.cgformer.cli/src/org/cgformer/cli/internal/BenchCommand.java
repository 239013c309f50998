package org.cgformer.cli.internal;

import java.util.concurrent.Callable;

import org.cgformer.cli.api.CommandLineRunner;

import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cgformer bench}: in-process benchmarks; the benchmarks are its sub-commands. */
@Command(name = "bench", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "BENCHMARK",
        description = "Time the toolchain in-process, after a warm-up, and print median times.")
public class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLineRunner.USAGE;
    }
}
