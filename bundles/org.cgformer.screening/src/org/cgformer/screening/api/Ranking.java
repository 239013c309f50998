package org.cgformer.screening.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Scores, ranks, the Eb-Ehull Pareto front and the shortlist of screened candidates; pure functions.
 */
public final class Ranking {

    /** Boltzmann constant, eV/K. */
    public static final double BOLTZMANN_EV_PER_K = 8.617333262e-5;

    private Ranking() {
    }

    /**
     * Indices of the points not dominated by any other (both coordinates minimised; a point is dominated when another
     * is at most as large in both and smaller in one). NaN coordinates never take part. Sorted by x.
     */
    public static int[] paretoFront(double[] x, double[] y) {
        Integer[] order = new Integer[x.length];
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
                order[n++] = i;
            }
        }
        Integer[] valid = Arrays.copyOf(order, n);
        Arrays.sort(valid, Comparator.<Integer>comparingDouble(i -> x[i]).thenComparingDouble(i -> y[i]));
        List<Integer> front = new ArrayList<>();
        double bestY = Double.POSITIVE_INFINITY;
        double lastX = Double.NaN;
        for (int i : valid) {
            // sorted by x then y: a point is on the front when its y is below every y seen so far, or it repeats the
            // previous front point exactly
            if (y[i] < bestY) {
                front.add(i);
                bestY = y[i];
                lastX = x[i];
            } else if (y[i] == bestY && x[i] == lastX) {
                front.add(i);
            }
        }
        return front.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Ranks the candidates: ok candidates with Ehull at most the ceiling (or no Ehull) first, then the others above it,
     * each part by score, ties by id; failed candidates last without a rank. Marks the Pareto front and the shortlist
     * (the first {@code top} ranks below the ceiling); adds Delta Eb against the parent's barrier and, with a
     * calibration in the options, the conductivity.
     *
     * @param parentEbEv    the same models' barrier of the undoped parent (NaN: unknown, Delta Eb stays NaN)
     * @param referenceEbEv the same models' barrier of the calibration's reference composition (ignored without one)
     */
    public static List<Candidate> rank(List<Candidate> candidates, ScreeningOptions options, double parentEbEv, double referenceEbEv) {
        Calibration calibration = options.calibration();
        if (calibration != null && Double.isNaN(referenceEbEv)) {
            throw new IllegalArgumentException("the calibration's reference " + calibration.composition() + " has no predicted barrier");
        }
        List<Candidate> ok = candidates.stream().filter(Candidate::ok).toList();
        double[] eb = ok.stream().mapToDouble(Candidate::ebEv).toArray();
        double[] ehull = ok.stream().mapToDouble(Candidate::ehullMevAtom).toArray();
        boolean[] onFront = new boolean[ok.size()];
        for (int i : paretoFront(eb, ehull)) {
            onFront[i] = true;
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < ok.size(); i++) {
            order.add(i);
        }
        double[] score = new double[ok.size()];
        for (int i = 0; i < ok.size(); i++) {
            double spread = Double.isNaN(ok.get(i).ebStdEv()) ? 0 : ok.get(i).ebStdEv();
            score[i] = ok.get(i).ebEv() + options.risk() * spread;
        }
        order.sort(Comparator.<Integer>comparingInt(i -> aboveCeiling(ok.get(i), options) ? 1 : 0)
                .thenComparingDouble(i -> score[i]).thenComparing(i -> ok.get(i).id()));
        List<Candidate> ranked = new ArrayList<>(candidates.size());
        for (int r = 0; r < order.size(); r++) {
            int i = order.get(r);
            Candidate c = ok.get(i);
            boolean listed = r < options.top() && !aboveCeiling(c, options);
            ranked.add(c.withRanking(r + 1, score[i], onFront[i], listed, c.ebEv() - parentEbEv,
                    calibration == null ? Double.NaN : calibration.conductivity(c.ebEv(), referenceEbEv)));
        }
        candidates.stream().filter(c -> !c.ok()).sorted(Comparator.comparing(Candidate::id))
                .forEach(c -> ranked.add(c.withRanking(0, Double.NaN, false, false, Double.NaN, Double.NaN)));
        return ranked;
    }

    /** Whether the candidate's predicted Ehull lies above the ceiling (false without a stability prediction). */
    public static boolean aboveCeiling(Candidate candidate, ScreeningOptions options) {
        return !Double.isNaN(candidate.ehullMevAtom()) && candidate.ehullMevAtom() > options.ehullCeiling();
    }
}
