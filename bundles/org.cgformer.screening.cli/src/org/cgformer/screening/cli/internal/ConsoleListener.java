package org.cgformer.screening.cli.internal;

import java.io.PrintWriter;
import java.util.Locale;

import org.cgformer.screening.api.ScreeningListener;

/** Screening progress on standard error: stages, work done with ETA (about every 10 %), messages. */
final class ConsoleListener implements ScreeningListener {

    private final PrintWriter err;
    private int lastTenth = -1;

    ConsoleListener(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void stage(String name, boolean resumed) {
        lastTenth = -1;
        err.println(resumed ? "[" + name + "] done in an earlier run: resumed" : "[" + name + "]");
        err.flush();
    }

    @Override
    public void progress(String stage, int done, int total, double etaSeconds) {
        int tenth = total > 0 ? done * 10 / total : 10;
        if (tenth == lastTenth && done != total) {
            return;
        }
        lastTenth = tenth;
        err.printf(Locale.ROOT, "  %s: %d/%d (%d %%), ETA %s%n", stage, done, total, total > 0 ? done * 100 / total : 100, eta(etaSeconds));
        err.flush();
    }

    @Override
    public void message(String text) {
        err.println("  " + text);
        err.flush();
    }

    static String eta(double seconds) {
        if (Double.isNaN(seconds)) {
            return "-";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60) : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
