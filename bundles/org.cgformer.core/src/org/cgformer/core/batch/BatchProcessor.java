package org.cgformer.core.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * Processes a list of items on a bounded pool of worker threads. Items that are bad input ({@link ItemRefusedException})
 * are collected with their reason and the others go on; anything else a task throws is a bug and fails the batch with
 * {@link BatchFailedException}. After each item the listener hears done/total and an ETA. Cancellation is checked
 * between items: items already started finish and are kept, the others are reported as not started.
 *
 * <pre>{@code
 * BatchProcessor batch = BatchProcessor.builder().setName("bvse labels").optThreads(4).optCancellation(monitor::isCanceled).build();
 * BatchResult<Path, Double> result = batch.run(files, this::barrier, progress -> print(progress));
 * }</pre>
 *
 * A processor holds only its settings, so one may run several batches, also at once. A caller thread interrupted while
 * it waits cancels the batch the same way, and its interrupt flag is set again on return.
 */
public final class BatchProcessor {

    private final String name;
    private final int threads;
    private final BooleanSupplier cancellation;

    private BatchProcessor(Builder builder) {
        this.name = builder.name;
        this.threads = builder.threads;
        this.cancellation = builder.cancellation;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Settings of a {@link BatchProcessor}. */
    public static final class Builder {
        private String name;
        private int threads = Runtime.getRuntime().availableProcessors();
        private BooleanSupplier cancellation = () -> false;

        private Builder() {
        }

        /** Required: what the batch does, for thread names and failure messages (e.g. {@code "featurize"}). */
        public Builder setName(String name) {
            this.name = name;
            return this;
        }

        /** Worker threads, at least 1 (default: the available processors); never more than there are items. */
        public Builder optThreads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, got " + threads);
            }
            this.threads = threads;
            return this;
        }

        /** Asked before each item is started; true stops the batch (default: never). */
        public Builder optCancellation(BooleanSupplier cancellation) {
            this.cancellation = java.util.Objects.requireNonNull(cancellation, "cancellation");
            return this;
        }

        public BatchProcessor build() {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a batch needs a name (setName)");
            }
            return new BatchProcessor(this);
        }
    }

    public String name() {
        return name;
    }

    public int threads() {
        return threads;
    }

    /** Runs {@code task} for every item without listening to progress. */
    public <I, R> BatchResult<I, R> run(List<I> items, ItemTask<? super I, ? extends R> task) {
        return run(items, task, BatchListener.NONE);
    }

    /**
     * Runs {@code task} for every item and returns when all started items have finished.
     *
     * @throws BatchFailedException when a task threw anything but {@link ItemRefusedException}
     */
    public <I, R> BatchResult<I, R> run(List<I> items, ItemTask<? super I, ? extends R> task, BatchListener<? super I> listener) {
        Run<I, R> run = new Run<>(List.copyOf(items), task, listener);
        if (!items.isEmpty()) {
            runWorkers(run, Math.min(threads, items.size()));
        }
        if (run.failure.get() != null) {
            throw run.failure.get();
        }
        return run.result();
    }

    private void runWorkers(Run<?, ?> run, int workers) {
        AtomicInteger number = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread thread = new Thread(r, "cgformer-" + name + "-" + number.incrementAndGet());
            thread.setDaemon(true); // a batch abandoned by a crashed caller does not keep the runtime alive
            return thread;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                futures.add(pool.submit(run::work));
            }
            awaitAll(futures, run);
        } finally {
            pool.shutdown();
        }
    }

    /** Waits for every worker; an interrupt of the waiting thread cancels the batch, which still ends normally. */
    private static void awaitAll(List<Future<?>> futures, Run<?, ?> run) {
        boolean interrupted = false;
        for (Future<?> future : futures) {
            while (true) {
                try {
                    future.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                    run.interrupted = true;
                } catch (ExecutionException e) {
                    // work() catches everything a task or listener throws; reaching here is a bug of this class
                    throw new IllegalStateException(e.getCause());
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The state of one run: the next item to start, the outcomes so far, and why it stopped. */
    private final class Run<I, R> {
        private final List<I> items;
        private final ItemTask<? super I, ? extends R> task;
        private final BatchListener<? super I> listener;
        private final AtomicInteger next = new AtomicInteger();
        private final Object[] results;
        private final String[] refusals;
        private final boolean[] finished;
        private final AtomicReference<BatchFailedException> failure = new AtomicReference<>();
        private final long start = System.nanoTime();
        private volatile boolean interrupted;
        private volatile boolean cancelled;
        private int done;
        private int refused;

        Run(List<I> items, ItemTask<? super I, ? extends R> task, BatchListener<? super I> listener) {
            this.items = items;
            this.task = task;
            this.listener = listener;
            this.results = new Object[items.size()];
            this.refusals = new String[items.size()];
            this.finished = new boolean[items.size()];
        }

        /** One worker: takes the next item until none is left, the batch failed or it is cancelled. */
        void work() {
            while (failure.get() == null) {
                if (interrupted || cancellation.getAsBoolean()) {
                    cancelled = true;
                    return;
                }
                int index = next.getAndIncrement();
                if (index >= items.size()) {
                    return;
                }
                processOne(index);
            }
        }

        private void processOne(int index) {
            I item = items.get(index);
            try {
                R result = null;
                String refusal = null;
                try {
                    result = task.process(item);
                } catch (ItemRefusedException e) {
                    refusal = e.getMessage() == null ? e.toString() : e.getMessage();
                }
                finished(index, result, refusal);
            } catch (Throwable bug) { // NOPMD: whatever it is, the caller must see it, not a worker's log
                failure.compareAndSet(null, new BatchFailedException(name, item, bug));
            }
        }

        private synchronized void finished(int index, R result, String refusal) {
            results[index] = result;
            refusals[index] = refusal;
            finished[index] = true;
            done++;
            refused += refusal == null ? 0 : 1;
            double elapsed = (System.nanoTime() - start) / 1e9;
            double eta = elapsed / done * (items.size() - done);
            listener.finished(new BatchProgress<>(items.get(index), refusal, done, items.size(), refused, elapsed, eta));
        }

        @SuppressWarnings("unchecked")
        synchronized BatchResult<I, R> result() {
            List<BatchResult.Processed<I, R>> processed = new ArrayList<>();
            List<BatchResult.Refusal<I>> refusedItems = new ArrayList<>();
            List<I> notStarted = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                if (!finished[i]) {
                    notStarted.add(items.get(i));
                } else if (refusals[i] != null) {
                    refusedItems.add(new BatchResult.Refusal<>(items.get(i), refusals[i]));
                } else {
                    processed.add(new BatchResult.Processed<>(items.get(i), (R) results[i]));
                }
            }
            return new BatchResult<>(processed, refusedItems, notStarted, cancelled && !notStarted.isEmpty());
        }
    }
}
