package org.cgformer.cli.internal;

import java.util.concurrent.Callable;

import org.cgformer.cli.api.CommandLineRunner;

import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** A group of commands contributed under a common first word (e.g. {@code cgformer bench …}). */
@Command(mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
        description = "Commands contributed by installed bundles under this name.")
public class CommandGroup implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        // the group alone does nothing: show its commands
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLineRunner.USAGE;
    }
}
