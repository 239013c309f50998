package org.cgformer.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.cgformer.core.batch.BatchFailedException;
import org.cgformer.core.batch.BatchProcessor;
import org.cgformer.core.batch.BatchProgress;
import org.cgformer.core.batch.BatchResult;
import org.cgformer.core.batch.ItemRefusedException;
import org.junit.jupiter.api.Test;

class BatchProcessorTest {

    private static final List<Integer> ITEMS = IntStream.rangeClosed(1, 40).boxed().toList();

    /** Squares an item; multiples of 7 are "bad input". */
    private static Integer square(Integer item) throws ItemRefusedException {
        if (item % 7 == 0) {
            throw new ItemRefusedException("item " + item + " is a multiple of 7");
        }
        return item * item;
    }

    @Test
    void collectsRefusedItemsWithTheirReasonsAndProcessesTheOthersInItemOrder() {
        BatchResult<Integer, Integer> result = BatchProcessor.builder().setName("squares").optThreads(4).build()
                .run(ITEMS, BatchProcessorTest::square);

        assertEquals(List.of(7, 14, 21, 28, 35), result.refused().stream().map(BatchResult.Refusal::item).toList());
        assertEquals("item 21 is a multiple of 7", result.refused().get(2).reason());
        assertEquals(ITEMS.stream().filter(i -> i % 7 != 0).map(i -> i * i).toList(), result.results());
        assertTrue(result.notStarted().isEmpty());
        assertFalse(result.cancelled());
    }

    @Test
    void aBugFailsTheBatchNamingTheItemInsteadOfBecomingARefusal() {
        BatchProcessor batch = BatchProcessor.builder().setName("squares").optThreads(3).build();

        BatchFailedException failure = assertThrows(BatchFailedException.class, () -> batch.run(ITEMS, item -> {
            if (item == 12) {
                throw new NullPointerException("a bug in the task");
            }
            return square(item);
        }));

        assertEquals(12, failure.item());
        assertInstanceOf(NullPointerException.class, failure.getCause());
        assertTrue(failure.getMessage().contains("squares failed on 12"), failure.getMessage());
    }

    @Test
    void cancellingStopsStartingItemsAndKeepsTheFinishedOnes() {
        AtomicInteger finished = new AtomicInteger();
        BatchProcessor batch = BatchProcessor.builder().setName("squares").optThreads(2)
                .optCancellation(() -> finished.get() >= 10).build();

        BatchResult<Integer, Integer> result = batch.run(ITEMS, item -> {
            Thread.sleep(5);
            return square(item);
        }, progress -> finished.incrementAndGet());

        assertTrue(result.cancelled());
        int kept = result.processed().size() + result.refused().size();
        assertEquals(finished.get(), kept, "every item that finished is in the result");
        assertTrue(kept >= 10 && kept <= 12, "the two workers stop after the item they are on: " + kept);
        assertEquals(ITEMS.size(), kept + result.notStarted().size());
        assertEquals(ITEMS.subList(kept, ITEMS.size()), result.notStarted(), "items start in order, so the tail is left");
        result.processed().forEach(p -> assertEquals(p.item() * p.item(), p.result()));
    }

    @Test
    void progressCountsUpToTheTotalWithAnEtaAndNeverRunsMoreItemsAtOnceThanThreads() {
        List<BatchProgress<? extends Integer>> seen = new ArrayList<>();
        AtomicInteger running = new AtomicInteger();
        List<Integer> concurrency = Collections.synchronizedList(new ArrayList<>());
        BatchProcessor batch = BatchProcessor.builder().setName("squares").optThreads(3).build();

        batch.run(ITEMS, item -> {
            concurrency.add(running.incrementAndGet());
            Thread.sleep(2);
            running.decrementAndGet();
            return square(item);
        }, seen::add);

        assertEquals(IntStream.rangeClosed(1, ITEMS.size()).boxed().toList(), seen.stream().map(BatchProgress::done).toList());
        BatchProgress<? extends Integer> last = seen.get(seen.size() - 1);
        assertTrue(last.complete());
        assertEquals(ITEMS.size(), last.total());
        assertEquals(5, last.refused());
        assertEquals(0.0, last.etaSeconds());
        assertTrue(seen.get(0).etaSeconds() > 0, "an estimate from the first item on: " + seen.get(0));
        assertTrue(concurrency.stream().allMatch(n -> n <= 3), "at most 3 at once: " + concurrency);
    }

    @Test
    void anEmptyBatchIsDoneAtOnceAndBadSettingsAreRefused() {
        BatchResult<Integer, Integer> result = BatchProcessor.builder().setName("squares").build()
                .run(List.<Integer>of(), BatchProcessorTest::square);
        assertTrue(result.processed().isEmpty() && !result.cancelled());
        assertThrows(IllegalArgumentException.class, () -> BatchProcessor.builder().setName("squares").optThreads(0));
        assertThrows(IllegalArgumentException.class, () -> BatchProcessor.builder().build());
    }

    @Test
    void interruptingTheCallerCancelsTheBatchAndKeepsTheInterruptFlag() {
        Thread caller = Thread.currentThread();
        BatchProcessor batch = BatchProcessor.builder().setName("squares").optThreads(1).build();
        try {
            BatchResult<Integer, Integer> result = batch.run(ITEMS, item -> {
                if (item == 3) {
                    caller.interrupt();
                }
                Thread.sleep(20);
                return square(item);
            });
            assertTrue(result.cancelled());
            assertFalse(result.notStarted().isEmpty());
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }
}
