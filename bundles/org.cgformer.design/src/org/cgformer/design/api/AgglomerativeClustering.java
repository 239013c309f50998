package org.cgformer.design.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.cgformer.design.model.Linkage;

/**
 * Agglomerative hierarchical clustering of points in Euclidean space, Ward or average linkage,
 * with the Lance–Williams update and the nearest-neighbour-chain algorithm (O(n^2) time, one
 * condensed n(n-1)/2 distance matrix of memory: about 4 MB for 1,000 points).
 *
 * <p>Heights follow SciPy's {@code linkage} conventions: average linkage merges at the mean
 * pairwise Euclidean distance; Ward merges at sqrt(2 n_a n_b / (n_a + n_b)) x the distance between
 * the centroids (for two single points, their distance), i.e. sqrt(2 x increase of the within-cluster
 * sum of squares). Merges are reported in ascending height with SciPy's numbering: points are
 * 0 … n-1, the cluster made by merge i is n + i.
 */
public final class AgglomerativeClustering {

    /** One merge: clusters {@code left < right} joined at {@code height} into a cluster of {@code size} points. */
    public record Merge(int left, int right, double height, int size) {
    }

    /** The full merge tree of {@code n} points. */
    public record Dendrogram(int n, List<Merge> merges) {

        /**
         * Cuts the tree into {@code groups} clusters by undoing the {@code groups - 1} highest merges.
         *
         * @return the cluster of each point, numbered 0 … groups-1 in order of their first point
         */
        public int[] cut(int groups) {
            if (groups < 1 || groups > n) {
                throw new IllegalArgumentException("cannot cut " + n + " points into " + groups + " groups");
            }
            UnionFind sets = new UnionFind(2 * n);
            for (int i = 0; i < n - groups; i++) {
                Merge merge = merges.get(i);
                sets.union(merge.left(), n + i);
                sets.union(merge.right(), n + i);
            }
            int[] labels = new int[n];
            int[] numberOfRoot = new int[2 * n];
            Arrays.fill(numberOfRoot, -1);
            int next = 0;
            for (int point = 0; point < n; point++) {
                int root = sets.find(point);
                if (numberOfRoot[root] < 0) {
                    numberOfRoot[root] = next++;
                }
                labels[point] = numberOfRoot[root];
            }
            return labels;
        }
    }

    private AgglomerativeClustering() {
    }

    /** Clusters the rows of {@code points} (all of one dimension). */
    public static Dendrogram cluster(double[][] points, Linkage linkage) {
        int n = points.length;
        if (n == 0) {
            return new Dendrogram(0, List.of());
        }
        Work work = new Work(points, linkage);
        List<RawMerge> raw = work.nearestNeighbourChain();
        raw.sort(Comparator.comparingDouble(RawMerge::height));   // stable: equal heights keep creation order
        return new Dendrogram(n, number(raw, n));
    }

    /** A merge as found, named by one point of each side (names independent of the merge order). */
    private record RawMerge(int pointA, int pointB, double height, int size) {
    }

    private static List<Merge> number(List<RawMerge> raw, int n) {
        UnionFind sets = new UnionFind(n);
        int[] clusterOfRoot = new int[n];
        for (int i = 0; i < n; i++) {
            clusterOfRoot[i] = i;
        }
        List<Merge> merges = new ArrayList<>(raw.size());
        for (RawMerge merge : raw) {
            int a = clusterOfRoot[sets.find(merge.pointA())];
            int b = clusterOfRoot[sets.find(merge.pointB())];
            int root = sets.union(merge.pointA(), merge.pointB());
            clusterOfRoot[root] = n + merges.size();
            merges.add(new Merge(Math.min(a, b), Math.max(a, b), merge.height(), merge.size()));
        }
        return merges;
    }

    /** Distances between active clusters; a cluster lives in the slot of one of its points. */
    private static final class Work {
        private final int n;
        private final Linkage linkage;
        private final double[] distance;   // condensed; Ward keeps squared distances
        private final int[] size;
        private final boolean[] active;

        Work(double[][] points, Linkage linkage) {
            this.n = points.length;
            this.linkage = linkage;
            this.distance = new double[n * (n - 1) / 2];
            this.size = new int[n];
            this.active = new boolean[n];
            Arrays.fill(size, 1);
            Arrays.fill(active, true);
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    double squared = squaredDistance(points[i], points[j]);
                    distance[index(i, j)] = linkage == Linkage.WARD ? squared : Math.sqrt(squared);
                }
            }
        }

        List<RawMerge> nearestNeighbourChain() {
            List<RawMerge> merges = new ArrayList<>(n - 1);
            int[] chain = new int[n];
            int length = 0;
            while (merges.size() < n - 1) {
                if (length == 0) {
                    chain[length++] = firstActive();
                }
                int a = chain[length - 1];
                int previous = length > 1 ? chain[length - 2] : -1;
                int b = nearest(a, previous);
                if (b == previous) {
                    length -= 2;
                    merges.add(merge(a, b));
                } else {
                    chain[length++] = b;
                }
            }
            return merges;
        }

        /** Nearest active cluster to {@code a}; on ties {@code preferred} (keeps the chain finite), then the lowest slot. */
        private int nearest(int a, int preferred) {
            int best = -1;
            double bestDistance = Double.POSITIVE_INFINITY;
            if (preferred >= 0) {
                best = preferred;
                bestDistance = distance[index(a, preferred)];
            }
            for (int k = 0; k < n; k++) {
                if (k != a && active[k] && distance[index(a, k)] < bestDistance) {
                    best = k;
                    bestDistance = distance[index(a, k)];
                }
            }
            return best;
        }

        private RawMerge merge(int a, int b) {
            int keep = Math.min(a, b);
            int drop = Math.max(a, b);
            double dab = distance[index(a, b)];
            for (int k = 0; k < n; k++) {
                if (active[k] && k != a && k != b) {
                    distance[index(keep, k)] = lanceWilliams(distance[index(a, k)], distance[index(b, k)], dab,
                            size[a], size[b], size[k]);
                }
            }
            double height = linkage == Linkage.WARD ? Math.sqrt(dab) : dab;
            size[keep] = size[a] + size[b];
            active[drop] = false;
            return new RawMerge(a, b, height, size[keep]);
        }

        /** Distance from cluster k to the union of a and b (Ward: squared distances). */
        private double lanceWilliams(double dak, double dbk, double dab, int na, int nb, int nk) {
            if (linkage == Linkage.WARD) {
                return ((na + nk) * dak + (nb + nk) * dbk - nk * dab) / (na + nb + nk);
            }
            return (na * dak + nb * dbk) / (na + nb);
        }

        private int firstActive() {
            for (int i = 0; i < n; i++) {
                if (active[i]) {
                    return i;
                }
            }
            throw new IllegalStateException("no active cluster left");
        }

        private int index(int i, int j) {
            int lo = Math.min(i, j);
            int hi = Math.max(i, j);
            return lo * n - lo * (lo + 1) / 2 + (hi - lo - 1);
        }

        private static double squaredDistance(double[] p, double[] q) {
            if (p.length != q.length) {
                throw new IllegalArgumentException("points of dimension " + p.length + " and " + q.length);
            }
            double sum = 0;
            for (int d = 0; d < p.length; d++) {
                double delta = p[d] - q[d];
                sum += delta * delta;
            }
            return sum;
        }
    }

    /** Disjoint sets over 0 … size-1 with path halving. */
    private static final class UnionFind {
        private final int[] parent;

        UnionFind(int size) {
            parent = new int[size];
            for (int i = 0; i < size; i++) {
                parent[i] = i;
            }
        }

        int find(int x) {
            while (parent[x] != x) {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }
            return x;
        }

        /** Joins the sets of a and b; returns the new root. */
        int union(int a, int b) {
            int ra = find(a);
            int rb = find(b);
            parent[rb] = ra;
            return ra;
        }
    }
}
