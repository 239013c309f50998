package org.cgformer.screening.api;

/** Progress of a screening run. Called on the thread that runs the screening. */
public interface ScreeningListener {

    /** A stage begins ({@code resumed} true: its output from an earlier run is reused). */
    void stage(String name, boolean resumed);

    /** Work done in the current stage, with an estimate of the seconds left (NaN when unknown). */
    void progress(String stage, int done, int total, double etaSeconds);

    /** A message worth showing (a failed candidate, a stage summary). */
    void message(String text);

    /** A listener that ignores everything. */
    ScreeningListener SILENT = new ScreeningListener() {
        @Override
        public void stage(String name, boolean resumed) {
        }

        @Override
        public void progress(String stage, int done, int total, double etaSeconds) {
        }

        @Override
        public void message(String text) {
        }
    };
}
