package org.cgformer.design.api;

/**
 * Streams the k-combinations of {0, …, n-1} in lexicographic order, one reused index array at a
 * time (no list of all combinations: C(45, 4) = 148,995 arrays never exist at once).
 */
public final class Combinations {

    private final int n;
    private final int[] indices;
    private boolean started;
    private long rank = -1;

    public Combinations(int n, int k) {
        if (k < 0 || k > n) {
            throw new IllegalArgumentException("cannot choose " + k + " of " + n);
        }
        this.n = n;
        this.indices = new int[k];
    }

    /** C(n, k), exactly; throws on overflow of a long. */
    public static long binomial(int n, int k) {
        if (k < 0 || k > n) {
            return 0;
        }
        int kk = Math.min(k, n - k);
        long result = 1;
        for (int i = 1; i <= kk; i++) {
            result = Math.multiplyExact(result, n - kk + i) / i;   // exact: C(n-kk+i, i) is an integer
        }
        return result;
    }

    /** Moves to the next combination; false when there is none. */
    public boolean next() {
        int k = indices.length;
        if (!started) {
            started = true;
            for (int i = 0; i < k; i++) {
                indices[i] = i;
            }
            rank = 0;
            return true;
        }
        int i = k - 1;
        while (i >= 0 && indices[i] == n - k + i) {
            i--;
        }
        if (i < 0) {
            return false;
        }
        indices[i]++;
        for (int j = i + 1; j < k; j++) {
            indices[j] = indices[j - 1] + 1;
        }
        rank++;
        return true;
    }

    /** The current combination, ascending; the array is reused by {@link #next()}. */
    public int[] indices() {
        return indices;
    }

    /** Position of the current combination in lexicographic order, from 0. */
    public long rank() {
        return rank;
    }
}
