package org.cgformer.screening.api;

import java.nio.file.Path;

/**
 * What a screening run does (immutable; {@code withX} copies). Defaults: {@link #defaults}.
 *
 * @param ebModel            barrier model folder (one model, or a folder of fold models: an ensemble); Eb in eV
 * @param ehullModel         stability model folder, energy above hull in meV/atom; null: no stability model (Ehull
 *                           columns empty, every candidate counts as below the ceiling)
 * @param ebBaseline         optional CGCNN (or any) model folder trained on the same barrier data, reported next to
 *                           {@code ebModel} in the summary and plots, and scored against the oracle with {@code validate};
 *                           null: none
 * @param ehullBaseline      the same for the stability model; null: none
 * @param all                screen every combination of the design space (its rules are then only reported),
 *                           not just the funnel's survivors
 * @param top                shortlist size N (also the "top k" of the skill section)
 * @param ehullCeiling       candidates with predicted Ehull above this (meV/atom) rank after all others and are never
 *                           shortlisted
 * @param risk               score = Eb + risk x spread of the Eb ensemble (eV); 0 ranks by the mean, 1 by a
 *                           pessimistic estimate
 * @param groups             clusters of the funnel's survivors (Ward linkage on the standardised composition
 *                           descriptors, as {@code cgformer design cluster})
 * @param decorations        random decorations per generated structure, K (lowest Ewald energy wins)
 * @param seed               structure generation seed; candidate c&lt;rank&gt; uses seed + rank; also draws the
 *                           validation candidates
 * @param calibration        a measured conductivity of a reference composition; null: no conductivity is shown
 * @param batchSize          graphs per prediction batch (memory: generated NASICON supercells have about 600 sites)
 * @param limit              screen only the first N candidates in enumeration order (0: all); for trials and benchmarks
 * @param validate           label this many screened candidates, drawn at random among those not in the barrier
 *                           models' training data, with the oracle (BVSE Ea3D) and report the ranking's skill; 0: none
 * @param oracleResolution   BVSE grid spacing of the oracle, Angstrom (use the fine-tuning labels' resolution)
 * @param oracleDecorations  structures per validated candidate that the oracle labels, its label being their mean: the
 *                           candidate's own structure, then decorations of other seeds (seed + rank + k x
 *                           {@link #ORACLE_SEED_STRIDE}); one decoration's barrier varies by about 26 meV between
 *                           decorations of one composition, as much as between compositions (docs/screening.md)
 * @param keepGraphs         keep the crystal graph files of the candidates in the report folder (about 2 MB each for
 *                           a 600-site supercell); by default they are deleted once the run is done (they are rebuilt
 *                           from the structures when a stage needs them again)
 * @param keepStructures     keep every candidate's structure files; by default only those of the shortlist, the Pareto
 *                           front and the validated candidates are kept once the run is done (the others are made again,
 *                           the same, when a stage needs them), so that the report stays small for 10^5 candidates
 * @since 4.0 (3.0 had no oracleDecorations: one decoration per candidate; 2.0 kept every structure; 1.0 had an
 *        uncalibrated Arrhenius estimate from a temperature and a prefactor)
 */
public record ScreeningOptions(Path ebModel, Path ehullModel, Path ebBaseline, Path ehullBaseline, boolean all, int top,
        double ehullCeiling, double risk, int groups, int decorations, long seed, Calibration calibration, int batchSize, int limit,
        int validate, double oracleResolution, int oracleDecorations, boolean keepGraphs, boolean keepStructures) {

    /** Default shortlist size (the article shortlisted 18). */
    public static final int DEFAULT_TOP = 18;
    /** Default Ehull ceiling, meV/atom: a common metastability limit for synthesisable phases. */
    public static final double DEFAULT_EHULL_CEILING = 100;
    /** Default number of clusters, as {@code cgformer design cluster}. */
    public static final int DEFAULT_GROUPS = 20;
    /** Default decorations per structure, as {@code cgformer design generate}. */
    public static final int DEFAULT_DECORATIONS = 20;
    /** Default oracle grid, Angstrom: the demo's fine-tuning labels. */
    public static final double DEFAULT_ORACLE_RESOLUTION = 0.3;
    /**
     * Seeds of a candidate's further oracle decorations lie this far apart (seed + rank + k x stride): the design
     * labels' stride, {@link org.cgformer.design.api.StructureRecipe#DECORATION_SEED_STRIDE}.
     */
    public static final long ORACLE_SEED_STRIDE = org.cgformer.design.api.StructureRecipe.DECORATION_SEED_STRIDE;

    public ScreeningOptions {
        if (ebModel == null) {
            throw new IllegalArgumentException("a barrier (Eb) model folder is required");
        }
        if (top < 1) {
            throw new IllegalArgumentException("top must be at least 1, not " + top);
        }
        if (groups < 1) {
            throw new IllegalArgumentException("groups must be at least 1, not " + groups);
        }
        if (decorations < 1) {
            throw new IllegalArgumentException("decorations must be at least 1, not " + decorations);
        }
        if (risk < 0 || Double.isNaN(risk)) {
            throw new IllegalArgumentException("risk must be 0 or more, not " + risk);
        }
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be 0 (all) or more, not " + limit);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, not " + batchSize);
        }
        if (validate < 0 || validate == 1) {
            throw new IllegalArgumentException("validate must be 0 (none) or at least 2 candidates, not " + validate);
        }
        if (oracleDecorations < 1) {
            throw new IllegalArgumentException("the oracle needs at least 1 decoration per candidate, not " + oracleDecorations);
        }
        if (!(oracleResolution > 0) || !Double.isFinite(oracleResolution)) {
            throw new IllegalArgumentException("the oracle's grid spacing must be a positive number of Angstrom, not " + oracleResolution);
        }
    }

    /** Defaults for a barrier model and an optional stability model. */
    public static ScreeningOptions defaults(Path ebModel, Path ehullModel) {
        return new ScreeningOptions(ebModel, ehullModel, null, null, false, DEFAULT_TOP, DEFAULT_EHULL_CEILING, 0, DEFAULT_GROUPS,
                DEFAULT_DECORATIONS, 1, null, 16, 0, 0, DEFAULT_ORACLE_RESOLUTION, 1, false, false);
    }

    public ScreeningOptions withBaselines(Path eb, Path ehull) {
        return new ScreeningOptions(ebModel, ehullModel, eb, ehull, all, top, ehullCeiling, risk, groups, decorations, seed, calibration,
                batchSize, limit, validate, oracleResolution, oracleDecorations, keepGraphs, keepStructures);
    }

    public ScreeningOptions withAll(boolean value) {
        return new ScreeningOptions(ebModel, ehullModel, ebBaseline, ehullBaseline, value, top, ehullCeiling, risk, groups, decorations,
                seed, calibration, batchSize, limit, validate, oracleResolution, oracleDecorations, keepGraphs, keepStructures);
    }

    public ScreeningOptions withTop(int value) {
        return new ScreeningOptions(ebModel, ehullModel, ebBaseline, ehullBaseline, all, value, ehullCeiling, risk, groups, decorations,
                seed, calibration, batchSize, limit, validate, oracleResolution, oracleDecorations, keepGraphs, keepStructures);
    }

    public ScreeningOptions withScore(double ceilingMevPerAtom, double riskFactor) {
        return new ScreeningOptions(ebModel, ehullModel, ebBaseline, ehullBaseline, all, top, ceilingMevPerAtom, riskFactor, groups,
                decorations, seed, calibration, batchSize, limit, validate, oracleResolution, oracleDecorations, keepGraphs, keepStructures);
    }

    public ScreeningOptions withGeneration(int groupCount, int decorationCount, long randomSeed) {
        return new ScreeningOptions(ebModel, ehullModel, ebBaseline, ehullBaseline, all, top, ehullCeiling, risk, groupCount,
                decorationCount, randomSeed, calibration, batchSize, limit, validate, oracleResolution, oracleDecorations, keepGraphs, keepStructures);
    }

    /** With a conductivity calibration (null: none, no conductivity shown). */
    public ScreeningOptions withCalibration(Calibration value) {
        return new ScreeningOptions(ebModel, ehullModel, ebBaseline, ehullBaseline, all, top, ehullCeiling, risk, groups, decorations,
                seed, value, batchSize, limit, validate, oracleResolution, oracleDecorations, keepGraphs, keepStructures);
    }

    public ScreeningOptions withBatchSize(int value) {
        return new ScreeningOptions(ebModel, ehullModel, ebBaseline, ehullBaseline, all, top, ehullCeiling, risk, groups, decorations,
                seed, calibration, value, limit, validate, oracleResolution, oracleDecorations, keepGraphs, keepStructures);
    }

    public ScreeningOptions withLimit(int value) {
        return new ScreeningOptions(ebModel, ehullModel, ebBaseline, ehullBaseline, all, top, ehullCeiling, risk, groups, decorations,
                seed, calibration, batchSize, value, validate, oracleResolution, oracleDecorations, keepGraphs, keepStructures);
    }

    /** Validate the ranking against the oracle on {@code count} held-out candidates, BVSE at {@code resolutionAngstrom}. */
    public ScreeningOptions withValidation(int count, double resolutionAngstrom) {
        return new ScreeningOptions(ebModel, ehullModel, ebBaseline, ehullBaseline, all, top, ehullCeiling, risk, groups, decorations,
                seed, calibration, batchSize, limit, count, resolutionAngstrom, oracleDecorations, keepGraphs, keepStructures);
    }

    /**
     * The oracle labels each validated candidate with the mean barrier of {@code count} decorations (1: its own
     * structure only).
     *
     * @since 4.0
     */
    public ScreeningOptions withOracleDecorations(int count) {
        return new ScreeningOptions(ebModel, ehullModel, ebBaseline, ehullBaseline, all, top, ehullCeiling, risk, groups, decorations,
                seed, calibration, batchSize, limit, validate, oracleResolution, count, keepGraphs, keepStructures);
    }

    /**
     * Keep every candidate's structure files (true), or only those of the shortlist, the Pareto front and the validated
     * candidates (false, the default).
     *
     * @since 3.0
     */
    public ScreeningOptions withKeepStructures(boolean value) {
        return new ScreeningOptions(ebModel, ehullModel, ebBaseline, ehullBaseline, all, top, ehullCeiling, risk, groups, decorations,
                seed, calibration, batchSize, limit, validate, oracleResolution, oracleDecorations, keepGraphs, value);
    }

    /** Keep (true) or delete (false, the default) the candidates' graph files when the run is done. */
    public ScreeningOptions withKeepGraphs(boolean value) {
        return new ScreeningOptions(ebModel, ehullModel, ebBaseline, ehullBaseline, all, top, ehullCeiling, risk, groups, decorations,
                seed, calibration, batchSize, limit, validate, oracleResolution, oracleDecorations, value, keepStructures);
    }

    /** A one-line description of the score, written into summary.json. */
    public String scoreDefinition() {
        return String.format(java.util.Locale.ROOT,
                "score = Eb mean + %s x Eb spread (eV, lower is better); candidates with predicted Ehull above %s meV/atom rank "
                        + "after all others and are not shortlisted; shortlist = the %d best ranks",
                risk, ehullCeiling, top);
    }
}
