package org.cgformer.screening.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import org.cgformer.screening.api.Candidate;
import org.junit.jupiter.api.Test;

/** The held-out candidates of {@code screen --validate}: chosen without regard to how the models ranked them. */
class HeldOutTest {

    private static Candidate candidate(int rank, int index, String message) {
        return new Candidate(rank, "c" + index, "Na3Zr" + index, List.of("Zr:0.2"), 3, 1, 1.0, 0.01, Double.NaN, 20, 1, Double.NaN, false,
                false, Double.NaN, "", message);
    }

    /** 40 candidates ranked in {@code order} (a permutation of their indices), the 5th failed. */
    private static List<Candidate> ranked(List<Integer> order) {
        List<Candidate> ranked = new ArrayList<>();
        for (int position = 0; position < order.size(); position++) {
            int index = order.get(position);
            ranked.add(candidate(position + 1, index, index == 5 ? "generation failed" : ""));
        }
        return ranked;
    }

    private static Set<String> ids(List<Candidate> candidates) {
        return Set.copyOf(candidates.stream().map(Candidate::id).toList());
    }

    @Test
    void twoModelsThatRankTheSameCandidatesDifferentlyValidateTheSameOnes() {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            order.add(i);
        }
        List<Candidate> first = OracleValidation.heldOut(ranked(order), Set.of("c3"), 10, 1);
        Collections.reverse(order);
        List<Candidate> second = OracleValidation.heldOut(ranked(order), Set.of("c3"), 10, 1);

        assertEquals(10, first.size());
        assertEquals(ids(first), ids(second), "the same held-out candidates whatever the ranking");
        assertFalse(ids(first).contains("c3"), "a training structure is never held out");
        assertFalse(ids(first).contains("c5"), "a failed candidate is never held out");
        // each list is in its own rank order
        for (List<Candidate> chosen : List.of(first, second)) {
            for (int i = 1; i < chosen.size(); i++) {
                assertTrue(chosen.get(i - 1).rank() < chosen.get(i).rank(), chosen.toString());
            }
        }
        // another seed draws other candidates
        assertFalse(ids(first).equals(ids(OracleValidation.heldOut(ranked(order), Set.of("c3"), 10, 2))));
    }
}
