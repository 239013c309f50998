package org.cgformer.core.batch;

import java.util.Locale;

/**
 * Where a batch stands after one more item finished.
 *
 * @param item           the item that finished
 * @param refusal        why it was refused, or {@code null} when it was processed
 * @param done           items finished so far (processed or refused) in this run
 * @param total          items of this run
 * @param refused        items refused so far
 * @param elapsedSeconds wall-clock time since the batch started
 * @param etaSeconds     estimated time to the end from the rate so far (0 when done)
 */
public record BatchProgress<I>(I item, String refusal, int done, int total, int refused, double elapsedSeconds,
        double etaSeconds) {

    /** Whether the item was refused. */
    public boolean wasRefused() {
        return refusal != null;
    }

    /** Whether this was the last item. */
    public boolean complete() {
        return done == total;
    }

    /** Seconds as {@code h:mm:ss}, for progress lines. */
    public static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }
}
