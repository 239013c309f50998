package org.cgformer.design.cli.internal;

import java.util.concurrent.Callable;

import org.cgformer.cli.api.CommandLineRunner;

import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cgformer design}: the group; alone it shows its commands. */
@Command(name = "design", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
        description = {"Dopant design spaces: enumerate and filter (funnel), cluster and sample the candidates, generate structures, label them with the BVSE oracle.",
                "Results go to FILE's sibling .designresults file; the .designspace file itself is never rewritten."})
public class DesignCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLineRunner.USAGE;
    }
}
