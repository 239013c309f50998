package org.cgformer.screening.cli.internal;

import java.util.Map;

import org.cgformer.cli.api.CommandContribution;
import org.cgformer.cli.api.CommandLineRunner;
import org.cgformer.screening.api.ScreeningService;

/**
 * Contributes {@code screen}, {@code demo} and {@code bench screen}; one DS component per command (OSGI-INF), the
 * component property {@code command} says which.
 */
public class ScreeningContribution implements CommandContribution {

    private volatile ScreeningService service;
    private volatile CommandLineRunner runner;
    private String name;

    public void activate(Map<String, Object> properties) {
        name = String.valueOf(properties.get("command"));
    }

    public void setService(ScreeningService value) {
        service = value;
    }

    public void setRunner(CommandLineRunner value) {
        runner = value;
    }

    public void unsetRunner(CommandLineRunner value) {
        if (runner == value) {
            runner = null;
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String groupDescription() {
        return null;
    }

    @Override
    public Object newCommand() {
        return switch (name) {
            case "demo" -> new DemoCommand(runner);
            case "bench screen" -> new BenchScreenCommand(service);
            default -> new ScreenCommand(service);
        };
    }
}
