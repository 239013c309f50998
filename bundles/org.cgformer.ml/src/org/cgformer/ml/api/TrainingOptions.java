package org.cgformer.ml.api;

import java.util.Locale;

/**
 * How to train (not what to build: that is the hyper-parameters).
 *
 * @param epochs most epochs (default 100)
 * @param batchSize structures per batch (default 64)
 * @param learningRate peak learning rate (default 3e-3)
 * @param weightDecay weight decay: L2 added to the gradient for Adam, decoupled for AdamW (default 0)
 * @param patience epochs without a better validation MAE before stopping (default 30; 0 = never stop early)
 * @param seed seed of initialisation and shuffling (default 42)
 * @param optimizer {@link Optimizer#ADAM} (default) or {@link Optimizer#ADAMW}
 * @param schedule learning-rate schedule over the epochs (default {@link Schedule#CONSTANT})
 * @param warmupEpochs epochs of linear warm-up from lr/10 before the schedule (default 0)
 * @param stepEpochs {@link Schedule#STEP}: epochs between two decays (default 30)
 * @param stepFactor {@link Schedule#STEP}: factor of each decay (default 0.5)
 * @param loss training loss on normalised targets (default {@link Loss#MSE})
 */
public record TrainingOptions(int epochs, int batchSize, double learningRate, double weightDecay, int patience, long seed,
        Optimizer optimizer, Schedule schedule, int warmupEpochs, int stepEpochs, double stepFactor, Loss loss) {

    /** Optimizers. */
    public enum Optimizer {
        /** Adam; weight decay is added to the gradient (L2). */
        ADAM,
        /** AdamW; weight decay is decoupled from the gradient. */
        ADAMW;

        /** Lower-case name used on command lines. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Learning-rate schedules, applied per epoch after the warm-up. */
    public enum Schedule {
        /** The learning rate throughout. */
        CONSTANT,
        /** Cosine decay from the learning rate to 1 % of it at the last epoch. */
        COSINE,
        /** Multiplied by {@code stepFactor} every {@code stepEpochs} epochs. */
        STEP;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Training losses (on normalised targets; validation and early stopping always use the MAE). */
    public enum Loss {
        /** Mean squared error. */
        MSE,
        /** Mean absolute error: robust to heavy-tailed targets. */
        L1,
        /** Huber loss with delta 1 (normalised units): quadratic near zero, linear in the tails. */
        HUBER;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public TrainingOptions {
        if (optimizer == null || schedule == null || loss == null) {
            throw new IllegalArgumentException("training options need an optimizer, a schedule and a loss");
        }
        if (epochs < 1 || batchSize < 1 || !(learningRate > 0) || weightDecay < 0 || patience < 0 || warmupEpochs < 0
                || stepEpochs < 1 || !(stepFactor > 0) || stepFactor > 1) {
            throw new IllegalArgumentException("invalid training options " + epochs + " epochs, batch " + batchSize + ", lr "
                    + learningRate + ", weight decay " + weightDecay + ", patience " + patience + ", warm-up " + warmupEpochs
                    + ", step " + stepEpochs + " x " + stepFactor);
        }
    }

    /** Adam, constant learning rate, MSE (the options of version 1.0 of this API). */
    public TrainingOptions(int epochs, int batchSize, double learningRate, double weightDecay, int patience, long seed) {
        this(epochs, batchSize, learningRate, weightDecay, patience, seed, Optimizer.ADAM, Schedule.CONSTANT, 0, 30, 0.5, Loss.MSE);
    }

    public static TrainingOptions defaults() {
        return new TrainingOptions(100, 64, 3e-3, 0, 30, 42);
    }

    /**
     * The learning rate of a 1-based epoch: linear warm-up from lr/10 over {@code warmupEpochs}, then the schedule
     * over the remaining epochs.
     */
    public double learningRateAt(int epoch) {
        if (epoch <= warmupEpochs) {
            return learningRate * (0.1 + 0.9 * (epoch - 1) / warmupEpochs);
        }
        int e = epoch - warmupEpochs - 1;
        int span = Math.max(1, epochs - warmupEpochs - 1);
        return switch (schedule) {
            case CONSTANT -> learningRate;
            case COSINE -> learningRate * (0.01 + 0.99 * 0.5 * (1 + Math.cos(Math.PI * Math.min(e, span) / span)));
            case STEP -> learningRate * Math.pow(stepFactor, e / stepEpochs);
        };
    }

    public TrainingOptions withEpochs(int value) {
        return new TrainingOptions(value, batchSize, learningRate, weightDecay, patience, seed, optimizer, schedule, warmupEpochs,
                stepEpochs, stepFactor, loss);
    }

    public TrainingOptions withBatchSize(int value) {
        return new TrainingOptions(epochs, value, learningRate, weightDecay, patience, seed, optimizer, schedule, warmupEpochs,
                stepEpochs, stepFactor, loss);
    }

    public TrainingOptions withLearningRate(double value) {
        return new TrainingOptions(epochs, batchSize, value, weightDecay, patience, seed, optimizer, schedule, warmupEpochs,
                stepEpochs, stepFactor, loss);
    }

    public TrainingOptions withWeightDecay(double value) {
        return new TrainingOptions(epochs, batchSize, learningRate, value, patience, seed, optimizer, schedule, warmupEpochs,
                stepEpochs, stepFactor, loss);
    }

    public TrainingOptions withPatience(int value) {
        return new TrainingOptions(epochs, batchSize, learningRate, weightDecay, value, seed, optimizer, schedule, warmupEpochs,
                stepEpochs, stepFactor, loss);
    }

    public TrainingOptions withSeed(long value) {
        return new TrainingOptions(epochs, batchSize, learningRate, weightDecay, patience, value, optimizer, schedule, warmupEpochs,
                stepEpochs, stepFactor, loss);
    }

    public TrainingOptions withOptimizer(Optimizer value) {
        return new TrainingOptions(epochs, batchSize, learningRate, weightDecay, patience, seed, value, schedule, warmupEpochs,
                stepEpochs, stepFactor, loss);
    }

    /** Schedule with its warm-up epochs, step length and factor. */
    public TrainingOptions withSchedule(Schedule value, int warmup, int step, double factor) {
        return new TrainingOptions(epochs, batchSize, learningRate, weightDecay, patience, seed, optimizer, value, warmup, step, factor,
                loss);
    }

    public TrainingOptions withLoss(Loss value) {
        return new TrainingOptions(epochs, batchSize, learningRate, weightDecay, patience, seed, optimizer, schedule, warmupEpochs,
                stepEpochs, stepFactor, value);
    }

    private static String plain(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** One line for logs and metrics, e.g. {@code adam lr 0.003 constant, mse, batch 64, 100 epochs, patience 30}. */
    public String summary() {
        return String.format(Locale.ROOT, "%s lr %s wd %s %s%s, %s loss, batch %d, %d epochs, patience %d, seed %d", optimizer.label(),
                plain(learningRate), plain(weightDecay), schedule.label(), warmupEpochs > 0 ? " warm-up " + warmupEpochs : "", loss.label(), batchSize,
                epochs, patience, seed);
    }
}
