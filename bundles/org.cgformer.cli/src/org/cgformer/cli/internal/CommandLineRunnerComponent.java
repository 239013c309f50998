package org.cgformer.cli.internal;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

import org.cgformer.cli.api.CommandContribution;
import org.cgformer.cli.api.CommandLineRunner;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Builds a fresh picocli command line from the registered {@link CommandContribution}s for each
 * run, so commands of bundles installed or stopped at run time appear and disappear.
 */
public class CommandLineRunnerComponent implements CommandLineRunner {

    private final Map<String, CommandContribution> contributions = new ConcurrentSkipListMap<>();

    public void addContribution(CommandContribution contribution) {
        contributions.put(contribution.name(), contribution);
    }

    public void removeContribution(CommandContribution contribution) {
        contributions.remove(contribution.name(), contribution);
    }

    /** Names of the commands available now, sorted. */
    public Iterable<String> commandNames() {
        return contributions.keySet();
    }

    @Override
    public int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    int execute(PrintWriter out, PrintWriter err, String... args) {
        RootCommand root = new RootCommand();
        CommandLine commandLine = new CommandLine(root);
        contributions.forEach((name, contribution) -> add(commandLine, name, contribution));
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler((e, arguments) -> {
            // one line saying what is wrong beats a page of usage that hides it
            PrintWriter errors = e.getCommandLine().getErr();
            errors.println("cgformer: " + e.getMessage());
            UnmatchedArgumentException.printSuggestions(e, errors);
            errors.println("Run '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            return USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
            cl.getErr().println("cgformer " + cl.getCommandName() + ": " + describe(e));
            if (root.debug) {
                e.printStackTrace(cl.getErr());
            } else {
                cl.getErr().println("(run again with --debug for the stack trace)");
            }
            return FAILED;
        });
        try {
            return commandLine.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Adds a command at the top level, or inside its group ("bench bvse" → group bench). */
    private static void add(CommandLine root, String name, CommandContribution contribution) {
        String[] words = name.trim().split("\\s+", 2);
        if (words.length == 1) {
            root.addSubcommand(words[0], contribution.newCommand());
            return;
        }
        CommandLine group = root.getSubcommands().get(words[0]);
        if (group == null) {
            CommandSpec spec = CommandSpec.create().name(words[0]).mixinStandardHelpOptions(true);
            spec.usageMessage().synopsisSubcommandLabel("COMMAND");
            group = new CommandLine(spec);
            root.addSubcommand(words[0], group);
        }
        String description = contribution.groupDescription();
        if (description != null && group.getCommandSpec().usageMessage().description().length == 0) {
            group.getCommandSpec().usageMessage().description(description);
        }
        group.addSubcommand(words[1], contribution.newCommand());
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.toString() : message;
    }
}
