package org.cgformer.stability.cli.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.cgformer.cli.api.PropertyNamedContribution;
import org.cgformer.ml.training.TrainingService;
import org.cgformer.structure.api.StructureReader;

/**
 * Contributes {@code dataset ehull} and {@code bench ehull}; one DS component per command (see
 * OSGI-INF), the component property {@code command} says which. DS binds the installed structure
 * readers (a snapshot per run) and the training service.
 */
public class StabilityCommandContributions extends PropertyNamedContribution {

    private final List<StructureReader> readers = new CopyOnWriteArrayList<>();
    private volatile TrainingService training;

    public void addReader(StructureReader reader) {
        readers.add(reader);
    }

    public void removeReader(StructureReader reader) {
        readers.remove(reader);
    }

    public void setTraining(TrainingService training) {
        this.training = training;
    }

    @Override
    public Object newCommand() {
        return switch (name()) {
            case "bench ehull" -> new BenchEhullCommand(training);
            default -> new DatasetEhullCommand(List.copyOf(readers));
        };
    }
}
