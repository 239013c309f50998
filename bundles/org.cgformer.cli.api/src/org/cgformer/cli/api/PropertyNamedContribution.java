package org.cgformer.cli.api;

import java.util.Map;

/**
 * Base of a contribution class that serves several commands, one DS component per command: the component property
 * {@value #COMMAND_PROPERTY} (for example {@code <property name="command" value="bench ehull"/>}) names the command,
 * and the component's {@code activate} method, this class's, reads it.
 *
 * @since 1.1
 */
public abstract class PropertyNamedContribution implements CommandContribution {

    /** The component property that holds the command name. */
    public static final String COMMAND_PROPERTY = "command";

    private String command;

    /** DS activation (the component's {@code activate="activate"}): reads the command name. */
    public void activate(Map<String, Object> properties) {
        command = (String) properties.get(COMMAND_PROPERTY);
    }

    /** The command named by the component property, null before activation. */
    @Override
    public String name() {
        return command;
    }
}
