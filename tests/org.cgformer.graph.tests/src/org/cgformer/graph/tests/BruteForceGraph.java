package org.cgformer.graph.tests;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.cgformer.structure.api.Structure;

/**
 * The crystal graph computed the slow, obvious way, independently of the graph bundle and of the
 * structure bundle's cell lists: every pair of sites over every lattice translation that can be
 * within the cutoff, sorted; shortest paths by Floyd–Warshall.
 */
final class BruteForceGraph {

    /** One neighbour: site j translated by (a, b, c), at distance d Å. */
    record Edge(int j, int a, int b, int c, double d) {
    }

    final List<List<Edge>> kept = new ArrayList<>();
    final int[] inDegree;
    final int[] outDegree;
    final int[][] paths;

    BruteForceGraph(Structure structure, double cutoff, int m, int maxPath) {
        int n = structure.size();
        double[][] lattice = structure.lattice().matrix();
        double[] reach = reach(lattice, cutoff);
        inDegree = new int[n];
        outDegree = new int[n];
        for (int i = 0; i < n; i++) {
            List<Edge> all = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                addImages(structure, lattice, reach, cutoff, i, j, all);
            }
            all.sort(Comparator.comparingLong((Edge e) -> Math.round(e.d() / 1e-6)).thenComparingInt(Edge::j)
                    .thenComparingInt(Edge::a).thenComparingInt(Edge::b).thenComparingInt(Edge::c));
            List<Edge> nearest = all.subList(0, Math.min(m, all.size()));
            kept.add(nearest);
            outDegree[i] = nearest.size();
            nearest.forEach(e -> inDegree[e.j()]++);
        }
        paths = floydWarshall(n, maxPath);
    }

    private static void addImages(Structure structure, double[][] lattice, double[] reach, double cutoff, int i, int j,
            List<Edge> out) {
        double[] fi = structure.site(i).fracCoords();
        double[] fj = structure.site(j).fracCoords();
        double[] df = {fj[0] - fi[0], fj[1] - fi[1], fj[2] - fi[2]};
        for (int a = (int) Math.floor(-df[0] - reach[0]); a <= (int) Math.ceil(-df[0] + reach[0]); a++) {
            for (int b = (int) Math.floor(-df[1] - reach[1]); b <= (int) Math.ceil(-df[1] + reach[1]); b++) {
                for (int c = (int) Math.floor(-df[2] - reach[2]); c <= (int) Math.ceil(-df[2] + reach[2]); c++) {
                    double[] f = {df[0] + a, df[1] + b, df[2] + c};
                    double x = f[0] * lattice[0][0] + f[1] * lattice[1][0] + f[2] * lattice[2][0];
                    double y = f[0] * lattice[0][1] + f[1] * lattice[1][1] + f[2] * lattice[2][1];
                    double z = f[0] * lattice[0][2] + f[1] * lattice[1][2] + f[2] * lattice[2][2];
                    double d = Math.sqrt(x * x + y * y + z * z);
                    if (d <= cutoff && d >= 1e-8) {
                        out.add(new Edge(j, a, b, c, d));
                    }
                }
            }
        }
    }

    /** cutoff / (spacing of the lattice planes along each axis), + a margin of one cell. */
    private static double[] reach(double[][] l, double cutoff) {
        double[][] inverse = inverse(l);
        double[] reach = new double[3];
        for (int k = 0; k < 3; k++) {
            double norm = Math.sqrt(inverse[0][k] * inverse[0][k] + inverse[1][k] * inverse[1][k] + inverse[2][k] * inverse[2][k]);
            reach[k] = cutoff * norm + 1;
        }
        return reach;
    }

    private static double[][] inverse(double[][] m) {
        double det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
        double[][] r = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                int i1 = (j + 1) % 3;
                int i2 = (j + 2) % 3;
                int j1 = (i + 1) % 3;
                int j2 = (i + 2) % 3;
                r[i][j] = (m[i1][j1] * m[i2][j2] - m[i1][j2] * m[i2][j1]) / det;
            }
        }
        return r;
    }

    private int[][] floydWarshall(int n, int maxPath) {
        int infinity = Integer.MAX_VALUE / 4;
        int[][] d = new int[n][n];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(d[i], infinity);
            d[i][i] = 0;
            for (Edge e : kept.get(i)) {
                if (e.j() != i) {
                    d[i][e.j()] = 1;
                }
            }
        }
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (d[i][k] + d[k][j] < d[i][j]) {
                        d[i][j] = d[i][k] + d[k][j];
                    }
                }
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                d[i][j] = d[i][j] >= infinity ? -1 : Math.min(d[i][j], maxPath);
            }
        }
        return d;
    }
}
