package org.cgformer.design.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.cgformer.design.api.StratifiedSampling;
import org.junit.jupiter.api.Test;

class SamplingTest {

    /** Groups of 10, 3 and 1 items, interleaved. */
    private static final int[] GROUPS = {0, 1, 0, 0, 2, 0, 1, 0, 0, 0, 1, 0, 0, 0};

    @Test
    void drawsTheRoundedFractionOfEachGroupAndAtLeastOne() {
        int[] chosen = StratifiedSampling.sample(GROUPS, 0.3, 1);
        int[] perGroup = new int[3];
        for (int index : chosen) {
            perGroup[GROUPS[index]]++;
        }
        assertArrayEquals(new int[] {3, 1, 1}, perGroup);   // round(3.0), round(0.9), max(1, round(0.3))
        assertEquals(5, chosen.length);
        assertTrue(Arrays.equals(chosen, Arrays.stream(chosen).sorted().distinct().toArray()), "sorted, no repeats");
    }

    @Test
    void theSameSeedGivesTheSameSampleAndAnotherSeedAnother() {
        int[] groups = new int[500];
        for (int i = 0; i < groups.length; i++) {
            groups[i] = i % 20;
        }
        int[] first = StratifiedSampling.sample(groups, 0.3, 42);
        assertArrayEquals(first, StratifiedSampling.sample(groups, 0.3, 42));
        assertFalse(Arrays.equals(first, StratifiedSampling.sample(groups, 0.3, 43)));
        assertEquals(20 * 8, first.length);   // 25 per group, round(7.5) = 8
    }

    @Test
    void fractionOneTakesEverything() {
        assertEquals(GROUPS.length, StratifiedSampling.sample(GROUPS, 1.0, 5).length);
    }

    @Test
    void rejectsAFractionOutsideZeroToOne() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> StratifiedSampling.sample(GROUPS, 1.5, 1));
        assertTrue(error.getMessage().contains("1.5"), error.getMessage());
    }
}
