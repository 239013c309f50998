package org.cgformer.cli.internal;

import java.util.List;
import java.util.Map;

import org.cgformer.bvse.api.BvseCalculator;
import org.cgformer.cli.api.CommandContribution;
import org.cgformer.structure.api.StructureReader;

/**
 * Contributes the BVSE commands: {@code bvse}, {@code dataset bvse} and {@code bench bvse}. One DS
 * component per command (see OSGI-INF), sharing this class: the component property
 * {@code command} says which.
 */
public class BvseCommandContributions implements CommandContribution {

    private final StructureReaders readers = new StructureReaders();
    private volatile BvseCalculator calculator;
    private String command;

    public void activate(Map<String, Object> properties) {
        command = (String) properties.get("command");
    }

    public void setCalculator(BvseCalculator calculator) {
        this.calculator = calculator;
    }

    public void addReader(StructureReader reader) {
        readers.add(reader);
    }

    public void removeReader(StructureReader reader) {
        readers.remove(reader);
    }

    @Override
    public String name() {
        return command;
    }

    @Override
    public String groupDescription() {
        return switch (command) {
            case "dataset bvse" -> "Build labelled datasets in CGCNN's layout (folder of CIFs + id_prop.csv).";
            case "bench bvse" -> "Time the toolchain in-process, after a warm-up, and print median times.";
            default -> null;
        };
    }

    @Override
    public Object newCommand() {
        List<StructureReader> snapshot = readers.snapshot();
        return switch (command) {
            case "dataset bvse" -> new DatasetBvseCommand(calculator, snapshot);
            case "bench bvse" -> new BenchBvseCommand(calculator, snapshot);
            default -> new BvseCommand(calculator, snapshot);
        };
    }
}
