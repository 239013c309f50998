package org.cgformer.bvse.api;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Labels every structure file of a folder with its BVSE migration barrier and writes a dataset in CGCNN's layout, as an
 * OSGi service (used by {@code cgformer dataset bvse} and the workbench's "Label Dataset with BVSE..."). The output
 * folder holds:
 * <ul>
 * <li>{@value #LABELS}: {@code id,barrier} (eV, 4 decimals), one line per labelled structure, appended as each finishes;</li>
 * <li>{@code <id>.cif}: a copy of each labelled structure (only CIF inputs can be labelled);</li>
 * <li>{@value #REFUSED}: {@code id,"reason"} for each structure that is bad input (unreadable, no mobile ion, no
 * percolating path below the ceiling); a bug is never written there, it fails the run;</li>
 * <li>{@value #METADATA}: the label, the BVSE settings, parameter table, convention, source folder and counts;</li>
 * <li>{@value #RECIPE}: the source folder's structure recipe, when it has one.</li>
 * </ul>
 * Structures whose id is already in {@value #LABELS} or {@value #REFUSED} are skipped, so a stopped or cancelled run
 * continues where it stopped when started again.
 */
public interface DatasetLabeller {

    String LABELS = "id_prop.csv";
    String REFUSED = "refused.csv";
    String METADATA = "dataset.json";
    String RECIPE = "recipe.json";

    /**
     * Labels the structures of {@code request.source()} not labelled or refused yet. Returns when all are done or the
     * listener asked to cancel; finished rows are kept either way.
     *
     * @throws IOException when the source is not a folder or the output cannot be written (not for a bad structure:
     *             those are refused)
     * @throws org.cgformer.core.batch.BatchFailedException when labelling one structure hit a bug
     */
    LabellingResult label(LabellingRequest request, LabellingListener listener) throws IOException;

    /**
     * Labels as {@link #label(LabellingRequest, LabellingListener)} does, with the structures to compute split into
     * partitions that run where {@code execution} says (a distributed engine's workers); the dataset is the same. The
     * finished partitions of a stopped run are kept in {@code OUTPUT/.partitions/} and reused by the next run with
     * the same structures to do. This default runs locally and refuses any other execution.
     *
     * @throws IOException also when the engine is not installed or a partition fails for good
     * @since 1.3
     */
    default LabellingResult label(LabellingRequest request, LabellingListener listener, org.cgformer.core.distributed.Execution execution)
            throws IOException {
        if (!execution.local()) {
            throw new IOException(getClass().getName() + " labels in this process only, not on " + execution.engine());
        }
        return label(request, listener);
    }

    /**
     * One partition of a partitioned labelling (what an engine's worker runs): the structures {@code [from, to)} of the
     * partition request, on {@code threads} threads, each written to {@code result} as a CSV row {@code label,id,barrier}
     * or {@code refused,id,"reason"}. This default refuses: the labeller labels in this process only.
     *
     * @param request the partition request that a partitioned {@link #label(LabellingRequest, LabellingListener,
     *                org.cgformer.core.distributed.Execution)} wrote; it and the structures it names must be readable here
     * @since 1.3
     */
    default void labelPartition(Path request, long from, long to, int threads, Path result) throws IOException {
        throw new IOException(getClass().getName() + " labels in this process only; it cannot run partition " + request);
    }

    /** The id of a structure file in the dataset: CGCNN ids are file names without extension. */
    static String id(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
