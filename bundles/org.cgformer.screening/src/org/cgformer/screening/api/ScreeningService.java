package org.cgformer.screening.api;

import java.io.IOException;
import java.nio.file.Path;

import org.cgformer.core.distributed.Execution;

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
     * Candidates per partition of a partitioned run when the execution does not say how many partitions.
     *
     * @since 3.1
     */
    int DEFAULT_PARTITION_SIZE = 500;

    /**
     * Screens the design space in {@code designSpaceFile} into {@code reportFolder}, in this process.
     *
     * @throws IOException        when a file cannot be read or written (the message names it)
     * @throws ScreeningException when the design space is invalid, a model cannot be loaded, or nothing could be
     *                            screened
     */
    default ScreeningResult screen(Path designSpaceFile, ScreeningOptions options, Path reportFolder, ScreeningListener listener)
            throws IOException, ScreeningException {
        return screen(designSpaceFile, options, reportFolder, listener, Execution.LOCAL);
    }

    /**
     * Screens the design space with the per-candidate stages run where {@code execution} says: the report is that of
     * a local run. A partitioned run keeps each finished partition's result in {@code REPORT/stages/partitions/}, so
     * running it again with the same inputs runs only the partitions that did not finish.
     *
     * @throws ScreeningException also when the engine is not installed or a partition fails for good
     * @since 3.1
     */
    ScreeningResult screen(Path designSpaceFile, ScreeningOptions options, Path reportFolder, ScreeningListener listener,
            Execution execution) throws IOException, ScreeningException;

    /**
     * The work of one partition of a partitioned run (what an engine's worker runs): generates, featurizes and
     * predicts the candidates {@code [from, to)} of the run that wrote {@code request}, on {@code threads} threads,
     * and writes their predictions (or the reason each failed) to {@code result} as CSV; {@code listener} hears the
     * partition's progress and its failed candidates.
     *
     * @param request the partition request a partitioned {@link #screen} wrote ({@code REPORT/stages/partitions/request.json});
     *                it and the files it names must be readable here
     * @since 3.1
     */
    void screenPartition(Path request, long from, long to, int threads, Path result, ScreeningListener listener)
            throws IOException, ScreeningException;

    /**
     * How the targets of the model in {@code modelFolder} (one model or fold models) were labelled: its first member's
     * record of the dataset's {@code dataset.json} (for barrier labels of {@code cgformer design label}: {@code resolution},
     * {@code labelDecorations}, the BVSE {@code settings}), or an empty map when it records none (a model trained before
     * models recorded it, or on a folder without one).
     *
     * @throws ScreeningException when the folder holds no readable model
     * @since 4.1
     */
    java.util.Map<String, Object> labels(Path modelFolder) throws ScreeningException;
}
