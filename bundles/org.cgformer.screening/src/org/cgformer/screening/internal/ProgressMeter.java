package org.cgformer.screening.internal;

import org.cgformer.screening.api.ScreeningListener;

/** Reports work done in a stage to the listener with an ETA from the rate so far; at most every half second. */
final class ProgressMeter {

    private static final long INTERVAL_NANOS = 500_000_000L;

    private final ScreeningListener listener;
    private final String stage;
    private final int total;
    private final long start = System.nanoTime();
    private long last;
    private int done;
    private int skipped;

    /** @param skipped items already done by an earlier run (not counted in the rate) */
    ProgressMeter(ScreeningListener listener, String stage, int total, int skipped) {
        this.listener = listener;
        this.stage = stage;
        this.total = total;
        this.skipped = skipped;
        this.done = skipped;
    }

    synchronized void worked() {
        done++;
        long now = System.nanoTime();
        if (now - last >= INTERVAL_NANOS || done == total) {
            last = now;
            int fresh = done - skipped;
            double seconds = (now - start) / 1e9;
            double eta = fresh > 0 ? (total - done) * seconds / fresh : Double.NaN;
            listener.progress(stage, done, total, eta);
        }
    }

    double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }
}
