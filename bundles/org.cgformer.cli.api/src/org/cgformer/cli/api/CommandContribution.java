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
     * The words typed after {@code cgformer}, e.g. {@code inspect}. Two words separated by a space,
     * e.g. {@code bench bvse}, put the command into a group ({@code bench}) that several bundles
     * can contribute to.
     */
    String name();

    /** Description of the group named by the first word of a two-word {@link #name()}, if this contribution has one to offer. */
    default String groupDescription() {
        return null;
    }

    /** A new picocli command object for one invocation. */
    Object newCommand();
}
