package org.cgformer.cli.api;

/**
 * A sub-command of {@code cgformer}, contributed by any bundle as an OSGi service. The command
 * line collects every registered contribution each time it runs, so installing a bundle that
 * registers one adds its command with no other change.
 *
 * <p>{@link #newCommand()} returns a fresh picocli command object (a class annotated with
 * {@code @picocli.CommandLine.Command}, implementing {@code Callable<Integer>} or
 * {@code Runnable}) for one invocation; picocli fills its fields from the arguments.
 */
public interface CommandContribution {

    /**
     * The word typed after {@code cgformer}, e.g. {@code inspect}; lower case. Two words separated by
     * a space (e.g. {@code bench design}) put the command into a group shared by all contributions
     * with the same first word ({@code cgformer bench design}, {@code cgformer bench bvse}).
     */
    String name();

    /** A new picocli command object for one invocation. */
    Object newCommand();
}
