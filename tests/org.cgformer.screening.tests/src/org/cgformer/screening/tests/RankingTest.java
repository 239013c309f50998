package org.cgformer.screening.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.cgformer.screening.api.Candidate;
import org.cgformer.screening.api.Ranking;
import org.cgformer.screening.api.ScreeningOptions;
import org.junit.jupiter.api.Test;

class RankingTest {

    @Test
    void paretoFrontIsExactlyTheNonDominatedPoints() {
        Random random = new Random(7);
        for (int trial = 0; trial < 50; trial++) {
            int n = 1 + random.nextInt(60);
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                // coarse values so that ties occur
                x[i] = random.nextInt(10);
                y[i] = random.nextInt(10);
            }
            boolean[] front = new boolean[n];
            for (int i : Ranking.paretoFront(x, y)) {
                front[i] = true;
            }
            for (int i = 0; i < n; i++) {
                boolean dominated = false;
                for (int j = 0; j < n; j++) {
                    dominated |= x[j] <= x[i] && y[j] <= y[i] && (x[j] < x[i] || y[j] < y[i]);
                }
                assertEquals(!dominated, front[i], "point " + i + " (" + x[i] + ", " + y[i] + ")");
            }
        }
    }

    @Test
    void paretoFrontIgnoresMissingValues() {
        int[] front = Ranking.paretoFront(new double[] {1, Double.NaN, 2}, new double[] {2, 0, 1});
        assertEquals(List.of(0, 2), java.util.Arrays.stream(front).boxed().toList());
    }

    @Test
    void ranksByScoreBelowTheCeilingThenAboveItAndFailedLast() {
        ScreeningOptions options = ScreeningOptions.defaults(Path.of("eb"), Path.of("ehull")).withTop(2).withScore(50, 0);
        List<Candidate> in = new ArrayList<>();
        in.add(candidate("c1", 0.50, 0.01, 10, ""));
        in.add(candidate("c2", 0.30, 0.02, 80, ""));    // best Eb but above the ceiling
        in.add(candidate("c3", 0.40, 0.05, 20, ""));
        in.add(candidate("c4", Double.NaN, Double.NaN, Double.NaN, "structure generation: too many Na"));
        in.add(candidate("c5", 0.45, 0.00, 5, ""));
        List<Candidate> ranked = Ranking.rank(in, options);
        assertEquals(List.of("c3", "c5", "c1", "c2", "c4"), ranked.stream().map(Candidate::id).toList());
        assertEquals(List.of(1, 2, 3, 4, 0), ranked.stream().map(Candidate::rank).toList());
        assertEquals(List.of(true, true, false, false, false), ranked.stream().map(Candidate::shortlist).toList());
        // front of (Eb, Ehull): c2 (0.30, 80), c3 (0.40, 20), c5 (0.45, 5); c1 (0.50, 10) is dominated by c5
        assertEquals(List.of(true, true, false, true, false), ranked.stream().map(Candidate::pareto).toList());
        assertTrue(Double.isNaN(ranked.get(4).conductivitySPerCm()));
    }

    @Test
    void riskMakesUncertainCandidatesRankLower() {
        ScreeningOptions options = ScreeningOptions.defaults(Path.of("eb"), null).withScore(100, 2);
        List<Candidate> ranked = Ranking.rank(List.of(candidate("a", 0.30, 0.10, Double.NaN, ""), candidate("b", 0.35, 0.01, Double.NaN, "")),
                options);
        assertEquals("b", ranked.get(0).id());
        assertEquals(0.37, ranked.get(0).score(), 1e-12);
    }

    @Test
    void conductivityEstimateFollowsArrhenius() {
        // the default prefactor: Eb = 0.30 eV gives about 1 mS/cm at 25 C
        double sigma = Ranking.conductivity(0.30, 298.15, ScreeningOptions.DEFAULT_PREFACTOR);
        assertEquals(1.0e-3, sigma, 0.05e-3);
        double ratio = Ranking.conductivity(0.40, 298.15, 3.5e4) / Ranking.conductivity(0.30, 298.15, 3.5e4);
        assertEquals(Math.exp(-0.1 / (Ranking.BOLTZMANN_EV_PER_K * 298.15)), ratio, 1e-12);
        assertFalse(Ranking.conductivity(0.5, 298.15, 3.5e4) > Ranking.conductivity(0.4, 298.15, 3.5e4));
    }

    static Candidate candidate(String id, double eb, double ebStd, double ehull, String message) {
        return new Candidate(0, id, "Na3" + id, List.of("Zr:0.2"), 3, 1, eb, ebStd, ehull, 1, Double.NaN, false, false, Double.NaN,
                "structures/" + id + ".cif", message);
    }
}
