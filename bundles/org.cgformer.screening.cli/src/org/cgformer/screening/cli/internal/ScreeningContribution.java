package org.cgformer.screening.cli.internal;

import org.cgformer.cli.api.CommandLineRunner;
import org.cgformer.cli.api.PropertyNamedContribution;
import org.cgformer.screening.api.ScreeningService;

/**
 * Contributes {@code screen}, {@code demo}, {@code bench screen} and the workers' {@code screen-partition}; one DS component per command (OSGI-INF), the
 * component property {@code command} says which.
 */
public class ScreeningContribution extends PropertyNamedContribution {

    private volatile ScreeningService service;
    private volatile CommandLineRunner runner;

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
    public Object newCommand() {
        return switch (name()) {
            case "demo" -> new DemoCommand(runner);
            case "bench screen" -> new BenchScreenCommand(service);
            case "screen-partition" -> new ScreenPartitionCommand(service);
            default -> new ScreenCommand(service);
        };
    }
}
