package org.cgformer.bvse.internal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.cgformer.bvse.api.EnergyLandscape;

/**
 * Finds the lowest energies at which the region of the landscape below that energy spans the
 * crystal in 1, 2 and 3 independent directions.
 *
 * <p>Instead of bisecting on the threshold (one connectivity analysis per trial), the grid points
 * are added in order of increasing energy to a union-find over face-adjacent points with periodic
 * boundaries. Each point remembers which periodic image of its component's root it is connected
 * to; joining two points of the same component through a different image closes a loop around
 * the crystal, whose lattice vector is kept in the component's wrap basis. The rank of that basis
 * is the dimension in which the component percolates, and the energy of the point that raises
 * the rank is the exact threshold on this grid (bisection to 0.01 eV would only approximate it).
 */
final class PercolationAnalyzer {

    private static final int INACTIVE = -1;

    private final EnergyLandscape landscape;
    private final int na, nb, nc;
    private final int[] parent;
    private final short[] offset; // image of a point relative to its parent, 3 per point (a few cells at most)
    private final byte[] rank; // union by rank keeps trees shallow without a size per point
    private final Map<Integer, WrapBasis> basis = new HashMap<>(); // only roots of components that wrap
    private int fx, fy, fz; // image of the last point passed to find() relative to its root

    PercolationAnalyzer(EnergyLandscape landscape) {
        this.landscape = landscape;
        this.na = landscape.shape()[0];
        this.nb = landscape.shape()[1];
        this.nc = landscape.shape()[2];
        int n = landscape.size();
        this.parent = new int[n];
        Arrays.fill(parent, INACTIVE);
        this.offset = new short[3 * n];
        this.rank = new byte[n];
    }

    /**
     * Thresholds for 1-, 2- and 3-D percolation in eV above the landscape minimum; NaN where the
     * region does not percolate below {@code maxBarrier}.
     */
    double[] thresholds(double maxBarrier) {
        double[] thresholds = {Double.NaN, Double.NaN, Double.NaN};
        int reached = 0;
        float[] energies = landscape.energies();
        for (long key : pointsByEnergy(maxBarrier)) {
            int point = (int) key;
            float energy = energies[point];
            int rank = activate(point);
            while (reached < rank) {
                thresholds[reached++] = energy - landscape.minimum();
            }
            if (reached == 3) {
                break;
            }
        }
        return thresholds;
    }

    /**
     * Indices of the points at most {@code maxBarrier} above the minimum, sorted by energy: keys are
     * (float bits of the shifted, non-negative energy) << 32 | index. Higher points can never be on
     * a reported path, so they are not sorted at all.
     */
    private long[] pointsByEnergy(double maxBarrier) {
        float[] energies = landscape.energies();
        long[] keys = new long[energies.length];
        float min = (float) landscape.minimum();
        int count = 0;
        for (int i = 0; i < energies.length; i++) {
            float shifted = Math.max(0f, energies[i] - min);
            if (shifted <= maxBarrier) {
                keys[count++] = ((long) Float.floatToIntBits(shifted) << 32) | i;
            }
        }
        keys = Arrays.copyOf(keys, count);
        Arrays.parallelSort(keys);
        return keys;
    }

    /** Adds a point, joins it to its active neighbours, returns the rank of its component. */
    private int activate(int point) {
        parent[point] = point;
        int i = point / (nb * nc), j = (point / nc) % nb, k = point % nc;
        join(point, i + 1 == na ? index(0, j, k) : index(i + 1, j, k), i + 1 == na ? 1 : 0, 0, 0);
        join(point, i == 0 ? index(na - 1, j, k) : index(i - 1, j, k), i == 0 ? -1 : 0, 0, 0);
        join(point, j + 1 == nb ? index(i, 0, k) : index(i, j + 1, k), 0, j + 1 == nb ? 1 : 0, 0);
        join(point, j == 0 ? index(i, nb - 1, k) : index(i, j - 1, k), 0, j == 0 ? -1 : 0, 0);
        join(point, k + 1 == nc ? index(i, j, 0) : index(i, j, k + 1), 0, 0, k + 1 == nc ? 1 : 0);
        join(point, k == 0 ? index(i, j, nc - 1) : index(i, j, k - 1), 0, 0, k == 0 ? -1 : 0);
        WrapBasis wraps = basis.get(find(point));
        return wraps == null ? 0 : wraps.rank();
    }

    /**
     * Joins point v with its neighbour u, which lies in the cell shifted by (wx, wy, wz) from v's.
     * With v at image Iv and u at image Iu of their roots, u's copy next to v is at Iv + w.
     */
    private void join(int v, int u, int wx, int wy, int wz) {
        if (parent[u] == INACTIVE) {
            return;
        }
        int rv = find(v);
        int vx = fx, vy = fy, vz = fz;
        int ru = find(u);
        int dx = vx + wx - fx, dy = vy + wy - fy, dz = vz + wz - fz; // image of ru relative to rv
        if (rv == ru) {
            if (dx != 0 || dy != 0 || dz != 0) {
                basisOf(rv).add(dx, dy, dz);
            }
            return;
        }
        if (rank[rv] < rank[ru]) {
            link(rv, ru, -dx, -dy, -dz);
        } else {
            if (rank[rv] == rank[ru]) {
                rank[rv]++;
            }
            link(ru, rv, dx, dy, dz);
        }
    }

    private void link(int child, int root, int dx, int dy, int dz) {
        parent[child] = root;
        offset[3 * child] = (short) dx;
        offset[3 * child + 1] = (short) dy;
        offset[3 * child + 2] = (short) dz;
        WrapBasis childBasis = basis.remove(child);
        if (childBasis != null) {
            basisOf(root).addAll(childBasis);
        }
    }

    private WrapBasis basisOf(int root) {
        return basis.computeIfAbsent(root, r -> new WrapBasis());
    }

    /** Root of x's component; leaves x's image relative to it in (fx, fy, fz). Compresses the path. */
    private int find(int x) {
        int root = x;
        int sx = 0, sy = 0, sz = 0;
        while (parent[root] != root) {
            sx += offset[3 * root];
            sy += offset[3 * root + 1];
            sz += offset[3 * root + 2];
            root = parent[root];
        }
        int node = x;
        int cx = sx, cy = sy, cz = sz;
        while (parent[node] != node) {
            int next = parent[node];
            int ox = offset[3 * node], oy = offset[3 * node + 1], oz = offset[3 * node + 2];
            parent[node] = root;
            offset[3 * node] = (short) cx;
            offset[3 * node + 1] = (short) cy;
            offset[3 * node + 2] = (short) cz;
            cx -= ox;
            cy -= oy;
            cz -= oz;
            node = next;
        }
        fx = sx;
        fy = sy;
        fz = sz;
        return root;
    }

    private int index(int i, int j, int k) {
        return (i * nb + j) * nc + k;
    }

    /** Orthonormal basis of the lattice vectors along which a component wraps around the crystal. */
    static final class WrapBasis {
        private final double[][] vectors = new double[3][];
        private int rank;

        int rank() {
            return rank;
        }

        void add(double x, double y, double z) {
            if (rank == 3) {
                return;
            }
            double[] v = {x, y, z};
            for (int n = 0; n < rank; n++) {
                double dot = v[0] * vectors[n][0] + v[1] * vectors[n][1] + v[2] * vectors[n][2];
                v[0] -= dot * vectors[n][0];
                v[1] -= dot * vectors[n][1];
                v[2] -= dot * vectors[n][2];
            }
            double norm = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
            if (norm > 1e-6) {
                vectors[rank++] = new double[] {v[0] / norm, v[1] / norm, v[2] / norm};
            }
        }

        void addAll(WrapBasis other) {
            for (int n = 0; n < other.rank; n++) {
                add(other.vectors[n][0], other.vectors[n][1], other.vectors[n][2]);
            }
        }
    }
}
