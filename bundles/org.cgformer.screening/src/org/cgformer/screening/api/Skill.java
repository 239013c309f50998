package org.cgformer.screening.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * How well a ranking by predicted barrier matches the oracle's (pure functions). Low barriers are good, so the
 * "top k" of a list is its k lowest values.
 *
 * @since 2.0
 */
public final class Skill {

    private Skill() {
    }

    /**
     * The skill of one predictor on n oracle-labelled candidates.
     *
     * @param spearman   Spearman rank correlation between predicted and oracle values (ties get mean ranks)
     * @param kendall    Kendall tau-b
     * @param mae        mean absolute error, in the unit of the values; NaN for a predictor that only ranks
     * @param topRecall  fraction of the oracle's top k found in the predicted top k
     * @param enrichment topRecall / (k / n): how many times better than picking k at random (1 = random)
     */
    public record Scores(double spearman, double kendall, double mae, double topRecall, double enrichment) {
    }

    /**
     * Scores of {@code predicted} against {@code oracle}, with the top {@code min(top, n)}.
     *
     * @throws IllegalArgumentException when the arrays differ in length, have fewer than 2 values, or hold a NaN
     */
    public static Scores of(double[] predicted, double[] oracle, int top) {
        check(predicted, oracle);
        int k = Math.min(top, oracle.length);
        double recall = topRecall(predicted, oracle, k);
        return new Scores(spearman(predicted, oracle), kendall(predicted, oracle), mae(predicted, oracle), recall,
                recall / ((double) k / oracle.length));
    }

    /**
     * The expected scores of ranking at random: the means over {@code draws} random orders (seeded) of the oracle's
     * own values, so the MAE is that of guessing another candidate's value.
     */
    public static Scores random(double[] oracle, int top, int draws, long seed) {
        Random random = new Random(seed);
        double[] sums = new double[5];
        double[] shuffled = oracle.clone();
        for (int d = 0; d < draws; d++) {
            for (int i = shuffled.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                double t = shuffled[i];
                shuffled[i] = shuffled[j];
                shuffled[j] = t;
            }
            // a tiny seeded jitter breaks ties between equal oracle values at random, not by position
            double[] noisy = shuffled.clone();
            for (int i = 0; i < noisy.length; i++) {
                noisy[i] += 1e-12 * random.nextDouble();
            }
            Scores s = of(noisy, oracle, top);
            sums[0] += s.spearman();
            sums[1] += s.kendall();
            sums[2] += s.mae();
            sums[3] += s.topRecall();
            sums[4] += s.enrichment();
        }
        return new Scores(sums[0] / draws, sums[1] / draws, sums[2] / draws, sums[3] / draws, sums[4] / draws);
    }

    /** Spearman's rho: the Pearson correlation of the (mean, for ties) ranks. */
    public static double spearman(double[] a, double[] b) {
        check(a, b);
        return pearson(ranks(a), ranks(b));
    }

    /** Kendall's tau-b (corrected for ties): (concordant - discordant) / sqrt((n0 - ties a)(n0 - ties b)). */
    public static double kendall(double[] a, double[] b) {
        check(a, b);
        long concordant = 0;
        long discordant = 0;
        long tiesA = 0;
        long tiesB = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = i + 1; j < a.length; j++) {
                int sa = Double.compare(a[i], a[j]);
                int sb = Double.compare(b[i], b[j]);
                if (sa == 0 && sb == 0) {
                    tiesA++;
                    tiesB++;
                } else if (sa == 0) {
                    tiesA++;
                } else if (sb == 0) {
                    tiesB++;
                } else if (sa == sb) {
                    concordant++;
                } else {
                    discordant++;
                }
            }
        }
        long pairs = (long) a.length * (a.length - 1) / 2;
        double denominator = Math.sqrt((double) (pairs - tiesA) * (pairs - tiesB));
        return denominator == 0 ? Double.NaN : (concordant - discordant) / denominator;
    }

    public static double mae(double[] predicted, double[] oracle) {
        check(predicted, oracle);
        double sum = 0;
        for (int i = 0; i < oracle.length; i++) {
            sum += Math.abs(predicted[i] - oracle[i]);
        }
        return sum / oracle.length;
    }

    /** Fraction of the k lowest oracle values whose candidates are among the k lowest predictions (ties by index). */
    public static double topRecall(double[] predicted, double[] oracle, int k) {
        check(predicted, oracle);
        if (k < 1 || k > oracle.length) {
            throw new IllegalArgumentException("top k must be between 1 and " + oracle.length + ", not " + k);
        }
        List<Integer> predictedTop = lowest(predicted, k);
        int hits = 0;
        for (int i : lowest(oracle, k)) {
            hits += predictedTop.contains(i) ? 1 : 0;
        }
        return (double) hits / k;
    }

    private static List<Integer> lowest(double[] values, int k) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer>comparingDouble(i -> values[i]).thenComparingInt(i -> i));
        return order.subList(0, k);
    }

    static double[] ranks(double[] values) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        double[] ranks = new double[values.length];
        for (int start = 0; start < order.length;) {
            int end = start + 1;
            while (end < order.length && values[order[end]] == values[order[start]]) {
                end++;
            }
            double mean = (start + 1 + end) / 2.0; // ranks start..end-1 are 1-based start+1..end
            for (int i = start; i < end; i++) {
                ranks[order[i]] = mean;
            }
            start = end;
        }
        return ranks;
    }

    private static double pearson(double[] a, double[] b) {
        double ma = Arrays.stream(a).average().orElse(0);
        double mb = Arrays.stream(b).average().orElse(0);
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return saa == 0 || sbb == 0 ? Double.NaN : sab / Math.sqrt(saa * sbb);
    }

    private static void check(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException(a.length + " predictions for " + b.length + " oracle values");
        }
        if (a.length < 2) {
            throw new IllegalArgumentException("skill needs at least 2 oracle-labelled candidates, got " + a.length);
        }
        for (int i = 0; i < a.length; i++) {
            if (Double.isNaN(a[i]) || Double.isNaN(b[i])) {
                throw new IllegalArgumentException("value " + i + " is NaN (predicted " + a[i] + ", oracle " + b[i] + ")");
            }
        }
    }
}
