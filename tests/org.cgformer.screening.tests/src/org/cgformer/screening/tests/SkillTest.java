package org.cgformer.screening.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.cgformer.screening.api.Skill;
import org.junit.jupiter.api.Test;

/** The skill metrics against values worked out by hand on tiny rankings. */
class SkillTest {

    // oracle barriers of five candidates, and a prediction that swaps the 2nd and 3rd best and the two worst
    static final double[] ORACLE = {0.10, 0.20, 0.30, 0.40, 0.50};
    static final double[] PREDICTED = {0.15, 0.35, 0.25, 0.55, 0.45};

    @Test
    void spearmanKendallAndMaeByHand() {
        // ranks 1 3 2 5 4 vs 1 2 3 4 5: sum d^2 = 0+1+1+1+1 = 4, rho = 1 - 6*4/(5*24) = 0.8
        assertEquals(0.8, Skill.spearman(PREDICTED, ORACLE), 1e-12);
        // 10 pairs, 2 discordant (2-3 and 4-5): tau = (8 - 2) / 10
        assertEquals(0.6, Skill.kendall(PREDICTED, ORACLE), 1e-12);
        // |errors| 0.05 0.15 0.05 0.15 0.05
        assertEquals(0.09, Skill.mae(PREDICTED, ORACLE), 1e-12);
    }

    @Test
    void topRecallAndEnrichmentByHand() {
        // oracle top 2 = {0, 1}; predicted top 2 = {0, 2}: one of two found
        Skill.Scores s = Skill.of(PREDICTED, ORACLE, 2);
        assertEquals(0.5, s.topRecall(), 1e-12);
        // recall / (k / n) = 0.5 / (2 / 5)
        assertEquals(1.25, s.enrichment(), 1e-12);
        assertEquals(1.0, Skill.topRecall(PREDICTED, ORACLE, 3), 1e-12, "top 3 sets are equal");
        // a top larger than n is cut to n, where every method finds everything
        assertEquals(1.0, Skill.of(PREDICTED, ORACLE, 18).topRecall(), 1e-12);
    }

    @Test
    void tiesGetMeanRanks() {
        // predicted 1 1 2 vs oracle 1 2 3: ranks 1.5 1.5 3 vs 1 2 3: rho = cov / sd = 0.75 / sqrt(0.5 * 1) ... = 0.8660
        assertEquals(Math.sqrt(3) / 2, Skill.spearman(new double[] {1, 1, 2}, new double[] {1, 2, 3}), 1e-12);
        // tau-b: pairs (0,1) tied in predicted, (0,2) (1,2) concordant: 2 / sqrt((3-1)(3-0))
        assertEquals(2 / Math.sqrt(6), Skill.kendall(new double[] {1, 1, 2}, new double[] {1, 2, 3}), 1e-12);
    }

    @Test
    void randomRankingScoresChance() {
        double[] oracle = new double[60];
        for (int i = 0; i < oracle.length; i++) {
            oracle[i] = 0.9 + 0.005 * i;
        }
        Skill.Scores random = Skill.random(oracle, 18, 2000, 7);
        assertEquals(0, random.spearman(), 0.02);
        assertEquals(0, random.kendall(), 0.02);
        assertEquals(18.0 / 60, random.topRecall(), 0.01, "k / n of the top found by chance");
        assertEquals(1, random.enrichment(), 0.03);
        // shuffling: each value is compared with a uniformly drawn one, the mean |y_i - y_j| over all pairs (i = j included)
        double expected = 0;
        for (double a : oracle) {
            for (double b : oracle) {
                expected += Math.abs(a - b);
            }
        }
        expected /= oracle.length * (double) oracle.length;
        assertEquals(expected, random.mae(), 0.003);
        Skill.Scores perfect = Skill.of(oracle, oracle, 18);
        assertEquals(1, perfect.spearman(), 1e-12);
        assertEquals(60.0 / 18, perfect.enrichment(), 1e-12);
    }

    @Test
    void refusesTooFewOrMismatchedValues() {
        assertThrows(IllegalArgumentException.class, () -> Skill.of(new double[] {1}, new double[] {1}, 1));
        assertThrows(IllegalArgumentException.class, () -> Skill.of(new double[] {1, 2}, new double[] {1, 2, 3}, 1));
        assertThrows(IllegalArgumentException.class, () -> Skill.of(new double[] {1, Double.NaN}, new double[] {1, 2}, 1));
    }
}
