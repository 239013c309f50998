package org.cgformer.screening.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.cgformer.screening.api.Calibration;
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
        List<Candidate> ranked = Ranking.rank(in, options, Double.NaN, Double.NaN);
        assertEquals(List.of("c3", "c5", "c1", "c2", "c4"), ranked.stream().map(Candidate::id).toList());
        assertEquals(List.of(1, 2, 3, 4, 0), ranked.stream().map(Candidate::rank).toList());
        assertEquals(List.of(true, true, false, false, false), ranked.stream().map(Candidate::shortlist).toList());
        // front of (Eb, Ehull): c2 (0.30, 80), c3 (0.40, 20), c5 (0.45, 5); c1 (0.50, 10) is dominated by c5
        assertEquals(List.of(true, true, false, true, false), ranked.stream().map(Candidate::pareto).toList());
        assertTrue(ranked.stream().allMatch(c -> Double.isNaN(c.conductivitySPerCm())), "no conductivity without a calibration");
        assertTrue(ranked.stream().allMatch(c -> Double.isNaN(c.deltaEbEv())), "no Delta Eb without the parent's barrier");
    }

    @Test
    void riskMakesUncertainCandidatesRankLower() {
        ScreeningOptions options = ScreeningOptions.defaults(Path.of("eb"), null).withScore(100, 2);
        List<Candidate> ranked = Ranking.rank(List.of(candidate("a", 0.30, 0.10, Double.NaN, ""), candidate("b", 0.35, 0.01, Double.NaN, "")),
                options, Double.NaN, Double.NaN);
        assertEquals("b", ranked.get(0).id());
        assertEquals(0.37, ranked.get(0).score(), 1e-12);
    }

    @Test
    void deltaEbAndCalibratedConductivityFollowTheReference() {
        // the reference (1 mS/cm at 25 C) has Eb 0.50; a barrier kT ln 10 lower conducts ten times better
        double kT = Ranking.BOLTZMANN_EV_PER_K * 298.15;
        ScreeningOptions options = ScreeningOptions.defaults(Path.of("eb"), null)
                .withCalibration(Calibration.parse("Na3Zr2Si2PO12=1e-3@298.15"));
        List<Candidate> ranked = Ranking.rank(List.of(candidate("a", 0.50 - kT * Math.log(10), 0, Double.NaN, ""),
                candidate("b", 0.60, 0, Double.NaN, "")), options, 0.55, 0.50);
        assertEquals(1e-2, ranked.get(0).conductivitySPerCm(), 1e-12);
        assertEquals(1e-3 * Math.exp(-0.10 / kT), ranked.get(1).conductivitySPerCm(), 1e-15);
        assertEquals(0.50 - kT * Math.log(10) - 0.55, ranked.get(0).deltaEbEv(), 1e-12);
        assertEquals(0.05, ranked.get(1).deltaEbEv(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Ranking.rank(List.of(candidate("a", 0.5, 0, Double.NaN, "")), options, 0.5,
                Double.NaN), "a calibration whose reference has no barrier");
    }

    @Test
    void calibrationIsReadAndBadOnesAreRefusedWithTheExpectedForm() {
        Calibration c = Calibration.parse("Na3Zr2Si2PO12=6.7e-4@298.15");
        assertEquals("Na3Zr2Si2PO12", c.composition());
        assertEquals(6.7e-4, c.siemensPerCm(), 0);
        assertEquals(298.15, c.temperatureKelvin(), 0);
        assertEquals(c, Calibration.parse(c.toString()));
        for (String bad : List.of("Na3Zr2Si2PO12", "Na3Zr2Si2PO12=abc@300", "Na3Zr2Si2PO12=-1@300", "Na3Zr2Si2PO12=1e-3@0", "=1e-3@300")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Calibration.parse(bad), bad);
            assertTrue(e.getMessage().contains("calibration") || e.getMessage().contains("must"), e.getMessage());
        }
    }

    static Candidate candidate(String id, double eb, double ebStd, double ehull, String message) {
        return new Candidate(0, id, "Na3" + id, List.of("Zr:0.2"), 3, 1, eb, ebStd, Double.NaN, ehull, 1, Double.NaN, false, false, Double.NaN,
                "structures/" + id + ".cif", message);
    }
}
