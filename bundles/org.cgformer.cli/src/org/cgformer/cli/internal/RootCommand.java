package org.cgformer.cli.internal;

import java.util.concurrent.Callable;

import org.cgformer.cli.api.CommandLineRunner;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cgformer} itself: options shared by all sub-commands; sub-commands come from services. */
@Command(name = "cgformer", mixinStandardHelpOptions = true, versionProvider = RootCommand.Version.class,
        synopsisSubcommandLabel = "COMMAND",
        description = {"Discover fast, stable sodium-ion solid electrolytes with CGformer, headless.",
                "Run 'cgformer help COMMAND' for the options of one command."},
        subcommands = CommandLine.HelpCommand.class,
        footer = {"", "Commands are contributed by installed bundles; 'cgformer components' shows what is installed."})
public class RootCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Print the stack trace of failures (for bug reports).")
    boolean debug;

    @Override
    public Integer call() {
        // 'cgformer' alone: show what can be done instead of doing nothing silently
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLineRunner.USAGE;
    }

    /** {@code cgformer --version}: the short form of {@code cgformer version}. */
    public static class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {ProductInfo.NAME + " " + ProductInfo.version()};
        }
    }
}
