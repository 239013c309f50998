package org.cgformer.core.batch;

/**
 * The work done for one item of a batch, called from the batch's worker threads (so it must be thread-safe).
 *
 * @param <I> the item (e.g. a structure file)
 * @param <R> what processing it gives (e.g. its barrier)
 */
@FunctionalInterface
public interface ItemTask<I, R> {

    /**
     * @throws ItemRefusedException when the item is bad input; the batch records it with the reason and goes on
     * @throws Exception            anything else fails the batch ({@link BatchFailedException})
     */
    R process(I item) throws Exception;
}
