package org.cgformer.design.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Draws a fraction of each group: round(fraction x size) members, at least one, at most all.
 * Groups are visited in ascending group number and each is shuffled with one {@link Random} seeded
 * once, so the same labels, fraction and seed give the same sample on every JVM ({@code Random}'s
 * algorithm is specified).
 */
public final class StratifiedSampling {

    private StratifiedSampling() {
    }

    /** How many members a group of {@code size} contributes. */
    public static int quota(int size, double fraction) {
        return (int) Math.min(size, Math.max(1, Math.round(fraction * size)));
    }

    /**
     * @param groups   group number of each item (0 … groups-1)
     * @param fraction share of each group to draw, in (0, 1]
     * @return the chosen item indices, ascending
     */
    public static int[] sample(int[] groups, double fraction, long seed) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction " + fraction + " is not in (0, 1]");
        }
        Random random = new Random(seed);
        List<Integer> chosen = new ArrayList<>();
        int groupCount = Arrays.stream(groups).max().orElse(-1) + 1;
        for (int group = 0; group < groupCount; group++) {
            int[] members = membersOf(groups, group);
            int quota = members.length == 0 ? 0 : quota(members.length, fraction);
            for (int i = 0; i < quota; i++) {   // partial Fisher-Yates: the first 'quota' places
                int j = i + random.nextInt(members.length - i);
                int swap = members[i];
                members[i] = members[j];
                members[j] = swap;
                chosen.add(members[i]);
            }
        }
        return chosen.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    private static int[] membersOf(int[] groups, int group) {
        int[] members = new int[groups.length];
        int count = 0;
        for (int i = 0; i < groups.length; i++) {
            if (groups[i] == group) {
                members[count++] = i;
            }
        }
        return Arrays.copyOf(members, count);
    }
}
