package org.cgformer.ml.api;

/**
 * How to train (not what to build: that is the hyper-parameters).
 *
 * @param epochs most epochs (default 100)
 * @param batchSize structures per batch (default 64)
 * @param learningRate Adam learning rate (default 3e-3)
 * @param weightDecay L2 weight decay (default 0)
 * @param patience epochs without a better validation MAE before stopping (default 30; 0 = never stop early)
 * @param seed seed of initialisation and shuffling (default 42)
 */
public record TrainingOptions(int epochs, int batchSize, double learningRate, double weightDecay, int patience, long seed) {

    public TrainingOptions {
        if (epochs < 1 || batchSize < 1 || !(learningRate > 0) || weightDecay < 0 || patience < 0) {
            throw new IllegalArgumentException("invalid training options " + epochs + " epochs, batch " + batchSize + ", lr "
                    + learningRate + ", weight decay " + weightDecay + ", patience " + patience);
        }
    }

    public static TrainingOptions defaults() {
        return new TrainingOptions(100, 64, 3e-3, 0, 30, 42);
    }

    public TrainingOptions withEpochs(int value) {
        return new TrainingOptions(value, batchSize, learningRate, weightDecay, patience, seed);
    }

    public TrainingOptions withBatchSize(int value) {
        return new TrainingOptions(epochs, value, learningRate, weightDecay, patience, seed);
    }

    public TrainingOptions withLearningRate(double value) {
        return new TrainingOptions(epochs, batchSize, value, weightDecay, patience, seed);
    }

    public TrainingOptions withPatience(int value) {
        return new TrainingOptions(epochs, batchSize, learningRate, weightDecay, value, seed);
    }

    public TrainingOptions withSeed(long value) {
        return new TrainingOptions(epochs, batchSize, learningRate, weightDecay, patience, value);
    }
}
