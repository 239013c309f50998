package org.cgformer.screening.api;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The screening pipeline as a service: a design space's candidates (the funnel's survivors, or every combination)
 * through structure generation, featurization, barrier and stability predictions (ensemble mean and spread),
 * ranking, Pareto front and shortlist, into a report folder. The run is staged (funnel, generate, featurize,
 * predict, rank, report); each finished stage leaves a marker in {@code REPORT/stages/}, so running again on the
 * same folder with the same inputs resumes instead of recomputing, and a stage whose inputs changed is redone with
 * every stage after it. A candidate whose generation, featurization or prediction fails is kept in the report with
 * the reason; the run goes on.
 */
public interface ScreeningService {

    /** Stage names, in order. */
    java.util.List<String> STAGES = java.util.List.of("funnel", "generate", "featurize", "predict", "rank", "validate", "report");

    /**
     * Screens the design space in {@code designSpaceFile} into {@code reportFolder}.
     *
     * @throws IOException        when a file cannot be read or written (the message names it)
     * @throws ScreeningException when the design space is invalid, a model cannot be loaded, or nothing could be
     *                            screened
     */
    ScreeningResult screen(Path designSpaceFile, ScreeningOptions options, Path reportFolder, ScreeningListener listener)
            throws IOException, ScreeningException;
}
