package org.cgformer.graph.internal;

import java.util.List;

import org.cgformer.graph.api.GraphTopology;
import org.cgformer.structure.api.Neighbour;

/**
 * Keeps the M nearest of each site's neighbours in flat arrays, nearest first; ties (distances
 * within {@link GraphTopology#DISTANCE_TIE_ANGSTROM}) ordered by site index, then image.
 */
public final class NeighbourSelection {

    private final int m;
    private final int[] index;
    private final int[] image;
    private final float[] distance;
    private final float[] vector;
    private final boolean[] mask;
    private final int[] inDegree;
    private final int[] outDegree;
    /** Candidates of the current site, by position in its neighbour list, kept sorted. */
    private final int[] best;
    private final long[] bestKey;

    public NeighbourSelection(int n, int m) {
        this.m = m;
        index = new int[n * m];
        image = new int[n * m * 3];
        distance = new float[n * m];
        vector = new float[n * m * 3];
        mask = new boolean[n * m];
        inDegree = new int[n];
        outDegree = new int[n];
        best = new int[m];
        bestKey = new long[m];
    }

    /** Fills the slots of {@code site} from all its neighbours within the cutoff. */
    public void select(int site, List<Neighbour> found) {
        int kept = keepNearest(found);
        int base = site * m;
        for (int s = 0; s < m; s++) {
            int slot = base + s;
            if (s < kept) {
                Neighbour nb = found.get(best[s]);
                index[slot] = nb.index();
                image[3 * slot] = nb.imageA();
                image[3 * slot + 1] = nb.imageB();
                image[3 * slot + 2] = nb.imageC();
                distance[slot] = (float) nb.distance();
                vector[3 * slot] = (float) nb.dx();
                vector[3 * slot + 1] = (float) nb.dy();
                vector[3 * slot + 2] = (float) nb.dz();
                mask[slot] = true;
                inDegree[nb.index()]++;
            } else {
                index[slot] = site;
            }
        }
        outDegree[site] = kept;
    }

    /** Insertion into a sorted top-M list: O(k M) for k candidates, no allocation. */
    private int keepNearest(List<Neighbour> found) {
        int kept = 0;
        for (int k = 0; k < found.size(); k++) {
            long key = Math.round(found.get(k).distance() / GraphTopology.DISTANCE_TIE_ANGSTROM);
            int pos = kept;
            while (pos > 0 && before(found, k, key, best[pos - 1], bestKey[pos - 1])) {
                pos--;
            }
            if (pos >= m) {
                continue;
            }
            int last = Math.min(kept, m - 1);
            System.arraycopy(best, pos, best, pos + 1, last - pos);
            System.arraycopy(bestKey, pos, bestKey, pos + 1, last - pos);
            best[pos] = k;
            bestKey[pos] = key;
            kept = Math.min(kept + 1, m);
        }
        return kept;
    }

    private static boolean before(List<Neighbour> found, int a, long keyA, int b, long keyB) {
        if (keyA != keyB) {
            return keyA < keyB;
        }
        Neighbour p = found.get(a);
        Neighbour q = found.get(b);
        if (p.index() != q.index()) {
            return p.index() < q.index();
        }
        if (p.imageA() != q.imageA()) {
            return p.imageA() < q.imageA();
        }
        if (p.imageB() != q.imageB()) {
            return p.imageB() < q.imageB();
        }
        return p.imageC() < q.imageC();
    }

    public int[] index() {
        return index;
    }

    public int[] image() {
        return image;
    }

    public float[] distance() {
        return distance;
    }

    public float[] vector() {
        return vector;
    }

    public boolean[] mask() {
        return mask;
    }

    public int[] inDegree() {
        return inDegree;
    }

    public int[] outDegree() {
        return outDegree;
    }
}
