package org.cgformer.design.cli.internal;

import java.io.PrintWriter;

import org.eclipse.emf.common.util.BasicMonitor;

/** Progress on the console: one line per tenth of the work, on standard error. */
final class ConsoleMonitor extends BasicMonitor {

    private final PrintWriter err;
    private final String what;
    private int total;
    private int worked;
    private int lastTenth;

    ConsoleMonitor(PrintWriter err, String what) {
        this.err = err;
        this.what = what;
    }

    @Override
    public void beginTask(String name, int totalWork) {
        total = totalWork;
    }

    @Override
    public void worked(int work) {
        worked += work;
        int tenth = total > 0 ? worked * 10 / total : 0;
        if (tenth > lastTenth && tenth < 10) {
            lastTenth = tenth;
            err.println(what + ": " + tenth * 10 + " %");
            err.flush();
        }
    }
}
