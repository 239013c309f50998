package org.cgformer.ml.api;

/**
 * One progress event: after each batch ({@code batch < batches}) and at the end of each epoch
 * ({@code batch == batches}, validation figures set).
 *
 * @param epoch 1-based epoch
 * @param trainLoss mean training loss (MSE on normalised targets) of the epoch so far
 * @param validationMae validation MAE in target units after the epoch, NaN during an epoch or without validation
 * @param bestEpoch epoch of the best validation MAE so far (the kept checkpoint), 0 before the first
 * @param etaSeconds estimated seconds left for the remaining epochs
 * @param structuresPerSecond training throughput of the epoch so far
 */
public record TrainingProgress(int epoch, int epochs, int batch, int batches, double trainLoss, double validationMae,
        int bestEpoch, double etaSeconds, double structuresPerSecond) {

    public boolean endOfEpoch() {
        return batch == batches;
    }
}
