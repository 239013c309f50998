package org.cgformer.design.structure;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.cgformer.design.api.DesignException;
import org.cgformer.structure.api.Lattice;

/**
 * The smallest faithful cell (issue 16): the host's primitive cell, found from the pure translations that map every
 * site onto a site with the same label and occupancy (the R centring of a hexagonal NASICON cell: 6 formula units
 * become 2), and the most compact supercell of a given multiple of it among all Hermite normal forms of that
 * determinant. A candidate with equimolar dopants at 0.4 per formula unit needs 5 primitive NASICON cells (10 formula
 * units, 210 sites) instead of 5 conventional ones (30 formula units, 624 sites).
 */
final class CellShapes {

    /** Fractional distance within which two positions are the same. */
    private static final double POSITION_TOLERANCE = 1e-3;
    /** Occupancy difference within which two sites hold the same. */
    private static final double OCCUPANCY_TOLERANCE = 1e-3;

    private CellShapes() {
    }

    /**
     * The primitive cell of {@code cell}: the pure translations of the cell's sites, as a reduced basis, with the sites
     * in it (in the order of their first image in {@code cell}). A cell that is primitive already comes back as it is.
     *
     * @throws DesignException when the translations do not divide the sites evenly (a host whose sites are not closed
     *                         under its own centring, e.g. a CIF with a site left out)
     */
    static HostCell primitive(HostCell cell, String source) throws DesignException {
        List<double[]> translations = translations(cell);
        if (translations.size() == 1) {
            return cell;
        }
        double[][] conventional = cell.matrix();
        double[][] basis = shortestBasis(translations, conventional);
        double[][] inverse = inverse(basis);
        List<HostCell.Site> sites = new ArrayList<>();
        List<double[]> kept = new ArrayList<>();
        for (HostCell.Site site : cell.sites()) {
            double[] f = wrap(multiply(site.fracCoords(), inverse));
            if (kept.stream().noneMatch(k -> samePosition(k, f))) {
                kept.add(f);
                sites.add(new HostCell.Site(site.label(), site.occupancy(), site.oxidationStates(), f));
            }
        }
        if (sites.size() * translations.size() != cell.sites().size()) {
            throw new DesignException("host structure " + source + ": " + cell.sites().size() + " sites do not split into " + translations.size()
                    + " primitive cells (" + sites.size() + " sites in one)");
        }
        Lattice vectors = Lattice.of(multiply(basis, conventional));
        return new HostCell(vectors.abc(), vectors.angles(), List.copyOf(sites));
    }

    /** The translations (fractional, in [0, 1), the zero vector first) that map every site onto an equal one. */
    static List<double[]> translations(HostCell cell) {
        List<HostCell.Site> sites = cell.sites();
        HostCell.Site anchor = sites.stream().min(Comparator.comparingLong(s -> sites.stream().filter(o -> sameContent(o, s)).count()))
                .orElseThrow();
        List<double[]> found = new ArrayList<>();
        for (HostCell.Site image : sites) {
            if (!sameContent(image, anchor)) {
                continue;
            }
            double[] t = wrap(subtract(image.fracCoords(), anchor.fracCoords()));
            if (found.stream().noneMatch(f -> samePosition(f, t)) && mapsOntoItself(sites, t)) {
                found.add(t);
            }
        }
        found.sort(Comparator.comparingDouble(t -> t[0] * t[0] + t[1] * t[1] + t[2] * t[2]));
        return found;
    }

    private static boolean mapsOntoItself(List<HostCell.Site> sites, double[] t) {
        for (HostCell.Site site : sites) {
            double[] moved = add(site.fracCoords(), t);
            if (sites.stream().noneMatch(other -> sameContent(other, site) && samePosition(other.fracCoords(), moved))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Three shortest independent vectors of the lattice spanned by the cell vectors and the translations, as rows in
     * the cell's fractional coordinates, with volume 1 / (number of translations), then Gauss-reduced.
     */
    private static double[][] shortestBasis(List<double[]> translations, double[][] cell) {
        List<double[]> candidates = new ArrayList<>();
        for (double[] t : translations) {
            for (int i = -1; i <= 1; i++) {
                for (int j = -1; j <= 1; j++) {
                    for (int k = -1; k <= 1; k++) {
                        double[] v = {t[0] + i, t[1] + j, t[2] + k};
                        if (length(multiply(v, cell)) > 1e-6) {
                            candidates.add(v);
                        }
                    }
                }
            }
        }
        candidates.sort(Comparator.comparingDouble(v -> length(multiply(v, cell))));
        double volume = 1.0 / translations.size();
        int n = Math.min(candidates.size(), 60);
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                for (int k = j + 1; k < n; k++) {
                    double[][] basis = {candidates.get(i), candidates.get(j), candidates.get(k)};
                    double det = determinant(basis);
                    if (Math.abs(Math.abs(det) - volume) < 1e-6) {
                        if (det < 0) {
                            basis[2] = scale(basis[2], -1);
                        }
                        return basis;
                    }
                }
            }
        }
        throw new IllegalStateException("no primitive basis among the " + n + " shortest lattice vectors of " + translations.size()
                + " translations");
    }

    /**
     * The supercell matrix (rows: the new vectors in units of {@code cell}'s) of determinant {@code multiple} with the
     * smallest surface (the sum of its face areas; at a fixed volume the most cube-like shape; ties: the largest distance
     * between opposite faces), Gauss-reduced. Among all Hermite normal forms, so every sublattice of that index is tried.
     */
    static int[][] compactSupercell(double[][] cell, int multiple) {
        int[][] best = null;
        double bestSurface = Double.POSITIVE_INFINITY;
        double bestWidth = -1;
        for (int a = 1; a <= multiple; a++) {
            if (multiple % a != 0) {
                continue;
            }
            for (int c = 1; c <= multiple / a; c++) {
                if ((multiple / a) % c != 0) {
                    continue;
                }
                int f = multiple / (a * c);
                for (int b = 0; b < c; b++) {
                    for (int d = 0; d < f; d++) {
                        for (int e = 0; e < f; e++) {
                            int[][] hnf = reduce(new int[][] {{a, 0, 0}, {b, c, 0}, {d, e, f}}, cell);
                            double[][] vectors = multiply(hnf, cell);
                            double surface = surface(vectors);
                            double width = smallestWidth(vectors);
                            if (surface < bestSurface - 1e-6 || (Math.abs(surface - bestSurface) <= 1e-6 && width > bestWidth + 1e-6)) {
                                best = hnf;
                                bestSurface = surface;
                                bestWidth = width;
                            }
                        }
                    }
                }
            }
        }
        return best;
    }

    private static double surface(double[][] v) {
        return length(cross(v[0], v[1])) + length(cross(v[1], v[2])) + length(cross(v[2], v[0]));
    }

    /**
     * Gauss (pairwise) reduction of the integer basis {@code m} (rows, in units of {@code cell}): each vector loses the
     * integer multiple of another that shortens it most, until none does; right-handed.
     */
    static int[][] reduce(int[][] m, double[][] cell) {
        int[][] basis = {m[0].clone(), m[1].clone(), m[2].clone()};
        boolean changed = true;
        for (int round = 0; changed && round < 100; round++) {
            changed = false;
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    if (i == j) {
                        continue;
                    }
                    double[] vi = multiply(toDouble(basis[i]), cell);
                    double[] vj = multiply(toDouble(basis[j]), cell);
                    long q = Math.round(dot(vi, vj) / dot(vj, vj));
                    if (q != 0 && length(subtract(vi, scale(vj, q))) < length(vi) - 1e-9) {
                        for (int x = 0; x < 3; x++) {
                            basis[i][x] -= (int) q * basis[j][x];
                        }
                        changed = true;
                    }
                }
            }
        }
        if (determinant(new double[][] {toDouble(basis[0]), toDouble(basis[1]), toDouble(basis[2])}) < 0) {
            for (int x = 0; x < 3; x++) {
                basis[2][x] = -basis[2][x];
            }
        }
        return basis;
    }

    /**
     * The sites of the supercell {@code matrix} (rows in units of the cell's vectors): each cell site at each of the
     * {@code |det|} lattice points inside it, in fractional coordinates of the supercell, cell site order within each
     * lattice point.
     */
    static List<double[]> latticePoints(int[][] matrix) {
        double[][] inverse = inverse(new double[][] {toDouble(matrix[0]), toDouble(matrix[1]), toDouble(matrix[2])});
        int[] lo = new int[3];
        int[] hi = new int[3];
        for (int x = 0; x < 3; x++) {
            for (int r = 0; r < 3; r++) {
                lo[x] += Math.min(0, matrix[r][x]);
                hi[x] += Math.max(0, matrix[r][x]);
            }
        }
        List<double[]> points = new ArrayList<>();
        for (int u = lo[0]; u <= hi[0]; u++) {
            for (int v = lo[1]; v <= hi[1]; v++) {
                for (int w = lo[2]; w <= hi[2]; w++) {
                    double[] f = multiply(new double[] {u, v, w}, inverse);
                    if (inside(f)) {
                        points.add(new double[] {u, v, w});
                    }
                }
            }
        }
        return points;
    }

    private static boolean inside(double[] f) {
        for (double x : f) {
            if (x < -1e-9 || x >= 1 - 1e-9) {
                return false;
            }
        }
        return true;
    }

    static double smallestWidth(double[][] v) {
        double volume = Math.abs(dot(v[0], cross(v[1], v[2])));
        return Math.min(volume / length(cross(v[1], v[2])), Math.min(volume / length(cross(v[2], v[0])), volume / length(cross(v[0], v[1]))));
    }

    private static boolean sameContent(HostCell.Site a, HostCell.Site b) {
        if (!a.label().equals(b.label()) || a.occupancy().size() != b.occupancy().size()) {
            return false;
        }
        for (Map.Entry<String, Double> e : a.occupancy().entrySet()) {
            Double other = b.occupancy().get(e.getKey());
            if (other == null || Math.abs(other - e.getValue()) > OCCUPANCY_TOLERANCE) {
                return false;
            }
        }
        return true;
    }

    private static boolean samePosition(double[] a, double[] b) {
        for (int x = 0; x < 3; x++) {
            double d = a[x] - b[x];
            if (Math.abs(d - Math.rint(d)) > POSITION_TOLERANCE) {
                return false;
            }
        }
        return true;
    }

    static double[] wrap(double[] f) {
        double[] w = new double[3];
        for (int x = 0; x < 3; x++) {
            w[x] = f[x] - Math.floor(f[x]);
            if (w[x] >= 1 - 1e-9) {
                w[x] = 0;
            }
        }
        return w;
    }

    static double[] multiply(double[] row, double[][] m) {
        double[] r = new double[3];
        for (int x = 0; x < 3; x++) {
            r[x] = row[0] * m[0][x] + row[1] * m[1][x] + row[2] * m[2][x];
        }
        return r;
    }

    static double[][] multiply(double[][] a, double[][] b) {
        return new double[][] {multiply(a[0], b), multiply(a[1], b), multiply(a[2], b)};
    }

    static double[][] multiply(int[][] a, double[][] b) {
        return new double[][] {multiply(toDouble(a[0]), b), multiply(toDouble(a[1]), b), multiply(toDouble(a[2]), b)};
    }

    private static double[] toDouble(int[] v) {
        return new double[] {v[0], v[1], v[2]};
    }

    private static double[] add(double[] a, double[] b) {
        return new double[] {a[0] + b[0], a[1] + b[1], a[2] + b[2]};
    }

    private static double[] subtract(double[] a, double[] b) {
        return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
    }

    private static double[] scale(double[] a, double s) {
        return new double[] {a[0] * s, a[1] * s, a[2] * s};
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    private static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    private static double length(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    static double determinant(double[][] m) {
        return dot(m[0], cross(m[1], m[2]));
    }

    static double[][] inverse(double[][] m) {
        double det = determinant(m);
        double[] c0 = cross(m[1], m[2]);
        double[] c1 = cross(m[2], m[0]);
        double[] c2 = cross(m[0], m[1]);
        // rows of m times columns of the inverse = identity: the inverse's columns are the cross products / det
        double[][] inv = new double[3][3];
        for (int x = 0; x < 3; x++) {
            inv[x][0] = c0[x] / det;
            inv[x][1] = c1[x] / det;
            inv[x][2] = c2[x] / det;
        }
        return inv;
    }
}
