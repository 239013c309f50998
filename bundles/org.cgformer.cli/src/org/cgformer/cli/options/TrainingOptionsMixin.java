package org.cgformer.cli.options;

import java.util.Locale;
import java.util.Map;

import org.cgformer.ml.api.TrainingOptions;

import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The training options shared by {@code train}, {@code finetune}, {@code bench matbench} and {@code bench ehull} (a picocli
 * mixin). A command whose defaults differ from train's sets them with {@link #defaults(CommandSpec, Map)}.
 */
public class TrainingOptionsMixin {

    @Option(names = "--epochs", defaultValue = "100", description = "Most epochs (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "64", description = "Structures per batch (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--lr", defaultValue = "0.003", description = "Peak learning rate (default ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--weight-decay", defaultValue = "0", description = "Weight decay (default ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(names = "--optimizer", defaultValue = "adam", paramLabel = "adam|adamw", description = "Optimizer (default ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--schedule", defaultValue = "constant", paramLabel = "constant|cosine|step",
            description = "Learning-rate schedule (default ${DEFAULT-VALUE}).")
    String schedule;

    @Option(names = "--warmup", defaultValue = "0", paramLabel = "EPOCHS", description = "Linear warm-up epochs from lr/10 (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--step-epochs", defaultValue = "30", description = "Step schedule: epochs between decays (default ${DEFAULT-VALUE}).")
    int stepEpochs;

    @Option(names = "--step-factor", defaultValue = "0.5", description = "Step schedule: factor of each decay (default ${DEFAULT-VALUE}).")
    double stepFactor;

    @Option(names = "--loss", defaultValue = "mse", paramLabel = "mse|l1|huber",
            description = "Training loss on normalised targets (default ${DEFAULT-VALUE}; l1/huber for heavy-tailed targets).")
    String loss;

    @Option(names = "--patience", defaultValue = "30", description = "Early stopping: epochs without a better validation MAE (default ${DEFAULT-VALUE}; 0 = off).")
    int patience;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of initialisation, shuffling and splits (default ${DEFAULT-VALUE}).")
    long seed;

    /** @throws IllegalArgumentException naming the bad value */
    public TrainingOptions options() {
        return new TrainingOptions(epochs, batchSize, learningRate, weightDecay, patience, seed,
                choice(TrainingOptions.Optimizer.class, "--optimizer", optimizer), choice(TrainingOptions.Schedule.class, "--schedule", schedule),
                warmup, stepEpochs, stepFactor, choice(TrainingOptions.Loss.class, "--loss", loss));
    }

    /**
     * Sets each option of {@code values} (its name, e.g. {@code --epochs}, to its value) that the command line of {@code spec}
     * did not give: the defaults of a command whose defaults differ from {@code train}'s. Call it first in the command's
     * {@code call()}, before {@link #options()}.
     */
    public static void defaults(CommandSpec spec, Map<String, String> values) {
        ParseResult parsed = spec.commandLine().getParseResult();
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (parsed == null || !parsed.hasMatchedOption(e.getKey())) {
                OptionSpec option = spec.findOption(e.getKey());
                option.setValue(typed(option.type(), e.getValue()));
            }
        }
    }

    private static Object typed(Class<?> type, String value) {
        if (type == int.class) {
            return Integer.valueOf(value);
        }
        if (type == long.class) {
            return Long.valueOf(value);
        }
        if (type == double.class) {
            return Double.valueOf(value);
        }
        return value;
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String option, String value) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            StringBuilder known = new StringBuilder();
            for (E c : type.getEnumConstants()) {
                known.append(known.length() == 0 ? "" : ", ").append(c.name().toLowerCase(Locale.ROOT));
            }
            throw new IllegalArgumentException(option + " '" + value + "' is not one of " + known);
        }
    }
}
