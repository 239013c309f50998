package org.cgformer.cli.internal;

import org.cgformer.ml.training.TrainingService;

/**
 * Contributes the property-model commands {@code models}, {@code train}, {@code finetune}, {@code predict} and
 * {@code bench matbench}; one DS component per command (see OSGI-INF), the component property {@code command}
 * says which. The work is done by the {@link TrainingService}.
 */
public class ModelCommandContributions extends StructureCommandContribution {

    private volatile TrainingService training;

    public void setTraining(TrainingService value) {
        training = value;
    }

    @Override
    public Object newCommand() {
        ModelTools tools = new ModelTools(training, readers());
        return switch (name()) {
            case "train" -> new TrainCommand(tools);
            case "finetune" -> new FinetuneCommand(tools);
            case "predict" -> new PredictCommand(tools);
            case "bench matbench" -> new BenchMatbenchCommand(tools);
            default -> new ModelsCommand(tools);
        };
    }
}
