package org.cgformer.design.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.cgformer.design.api.AgglomerativeClustering;
import org.cgformer.design.api.AgglomerativeClustering.Dendrogram;
import org.cgformer.design.api.AgglomerativeClustering.Merge;
import org.cgformer.design.model.Linkage;
import org.junit.jupiter.api.Test;

class ClusteringTest {

    /** Points 0, 1, 5, 6 and 20 on a line. */
    private static final double[][] LINE = {{0}, {1}, {5}, {6}, {20}};

    @Test
    void wardMergesOfAWorkedExample() {
        // {0,1} and {5,6} at distance 1; then the two pairs: sqrt(2 * 2*2/4) * |0.5 - 5.5| = 5 sqrt 2
        // (= sqrt(2 x the increase of the sum of squares, 26 - 1 = 25)); then 20 with centroid 3 of
        // four points: sqrt(2 * 4*1/5) * 17. Numbering as SciPy: points 0-4, merge i makes cluster 5+i.
        List<Merge> merges = AgglomerativeClustering.cluster(LINE, Linkage.WARD).merges();
        assertMerge(0, 1, 1.0, 2, merges.get(0));
        assertMerge(2, 3, 1.0, 2, merges.get(1));
        assertMerge(5, 6, 5 * Math.sqrt(2), 4, merges.get(2));
        assertMerge(4, 7, Math.sqrt(8.0 / 5) * 17, 5, merges.get(3));
    }

    @Test
    void averageLinkageMergesOfTheSameExample() {
        // {0,1}-{5,6}: mean of 5, 6, 4, 5 = 5; 20 to the four: mean of 20, 19, 15, 14 = 17
        List<Merge> merges = AgglomerativeClustering.cluster(LINE, Linkage.AVERAGE).merges();
        assertMerge(0, 1, 1.0, 2, merges.get(0));
        assertMerge(2, 3, 1.0, 2, merges.get(1));
        assertMerge(5, 6, 5.0, 4, merges.get(2));
        assertMerge(4, 7, 17.0, 5, merges.get(3));
    }

    @Test
    void cuttingUndoesTheHighestMerges() {
        Dendrogram tree = AgglomerativeClustering.cluster(LINE, Linkage.WARD);
        assertArrayEquals(new int[] {0, 0, 0, 0, 0}, tree.cut(1));
        assertArrayEquals(new int[] {0, 0, 0, 0, 1}, tree.cut(2));
        assertArrayEquals(new int[] {0, 0, 1, 1, 2}, tree.cut(3));
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, tree.cut(5));
    }

    @Test
    void nearestNeighbourChainGivesTheSameHeightsAsTheNaiveAlgorithm() {
        Random random = new Random(7);
        double[][] points = new double[60][3];
        for (double[] point : points) {
            for (int d = 0; d < point.length; d++) {
                point[d] = random.nextGaussian() + (random.nextBoolean() ? 4 : 0);
            }
        }
        for (Linkage linkage : Linkage.VALUES) {
            List<Merge> merges = AgglomerativeClustering.cluster(points, linkage).merges();
            double[] expected = naiveHeights(points, linkage);
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], merges.get(i).height(), 1e-9, linkage + " merge " + i);
            }
        }
    }

    private static void assertMerge(int left, int right, double height, int size, Merge merge) {
        assertEquals(left, merge.left(), merge.toString());
        assertEquals(right, merge.right(), merge.toString());
        assertEquals(height, merge.height(), 1e-12, merge.toString());
        assertEquals(size, merge.size(), merge.toString());
    }

    /** O(n^3): merge the closest pair by the definition of the linkage (centroids for Ward, all pairs for average). */
    private static double[] naiveHeights(double[][] points, Linkage linkage) {
        List<List<double[]>> clusters = new ArrayList<>();
        for (double[] point : points) {
            clusters.add(new ArrayList<>(List.of(point)));
        }
        double[] heights = new double[points.length - 1];
        for (int step = 0; step < heights.length; step++) {
            int bestA = -1;
            int bestB = -1;
            double best = Double.POSITIVE_INFINITY;
            for (int a = 0; a < clusters.size(); a++) {
                for (int b = a + 1; b < clusters.size(); b++) {
                    double d = linkage == Linkage.WARD ? ward(clusters.get(a), clusters.get(b)) : average(clusters.get(a), clusters.get(b));
                    if (d < best) {
                        best = d;
                        bestA = a;
                        bestB = b;
                    }
                }
            }
            heights[step] = best;
            clusters.get(bestA).addAll(clusters.remove(bestB));
        }
        java.util.Arrays.sort(heights);
        return heights;
    }

    private static double ward(List<double[]> a, List<double[]> b) {
        double[] ca = centroid(a);
        double[] cb = centroid(b);
        return Math.sqrt(2.0 * a.size() * b.size() / (a.size() + b.size())) * Math.sqrt(squared(ca, cb));
    }

    private static double average(List<double[]> a, List<double[]> b) {
        double sum = 0;
        for (double[] p : a) {
            for (double[] q : b) {
                sum += Math.sqrt(squared(p, q));
            }
        }
        return sum / (a.size() * b.size());
    }

    private static double[] centroid(List<double[]> cluster) {
        double[] c = new double[cluster.get(0).length];
        for (double[] p : cluster) {
            for (int d = 0; d < c.length; d++) {
                c[d] += p[d] / cluster.size();
            }
        }
        return c;
    }

    private static double squared(double[] p, double[] q) {
        double sum = 0;
        for (int d = 0; d < p.length; d++) {
            sum += (p[d] - q[d]) * (p[d] - q[d]);
        }
        return sum;
    }
}
