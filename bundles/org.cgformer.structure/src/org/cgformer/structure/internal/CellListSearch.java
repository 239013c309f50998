package org.cgformer.structure.internal;

import java.util.Arrays;

import org.cgformer.structure.api.Lattice;
import org.cgformer.structure.api.NeighbourList;
import org.cgformer.structure.api.Structure;

/**
 * Periodic neighbour search with cell lists. Sites are wrapped into the cell and sorted into
 * n_a x n_b x n_c bins along the fractional axes; a neighbour within r of a site differs from it
 * by at most r * |b_k| in fractional coordinate k (b_k the crystallographic reciprocal vector), so
 * only bins up to ceil(r * n_k * |b_k|) away need to be visited. Small cells simply visit more
 * bin images, which yields the periodic images of their sites.
 */
public final class CellListSearch {

    /** Pairs closer than this (Angstrom) are the site itself, as pymatgen's numerical_tol. */
    static final double SELF_DISTANCE_ANGSTROM = 1e-8;
    /** Upper bound on bins per axis, so that huge cells with a small cutoff do not waste memory. */
    private static final int MAX_BINS_PER_AXIS = 64;

    private final double cutoff;
    private final double[][] translations;
    private final double[] cart;
    private final int[] shift;
    private final int[] bins = new int[3];
    private final int[] reach = new int[3];
    private int[] binStart;
    private int[] binMembers;
    private int[] siteBin;

    private CellListSearch(Lattice lattice, double cutoff, int n) {
        this.cutoff = cutoff;
        this.translations = lattice.matrix();
        this.cart = new double[3 * n];
        this.shift = new int[3 * n];
        Lattice reciprocal = lattice.reciprocalLatticeCrystallographic();
        for (int k = 0; k < 3; k++) {
            double[] b = reciprocal.vector(k);
            double inversePlaneSpacing = Math.sqrt(b[0] * b[0] + b[1] * b[1] + b[2] * b[2]);
            bins[k] = (int) Math.max(1, Math.min(MAX_BINS_PER_AXIS, Math.floor(1 / (cutoff * inversePlaneSpacing))));
            reach[k] = (int) Math.ceil(cutoff * bins[k] * inversePlaneSpacing + 1e-9);
        }
    }

    public static NeighbourList search(Structure structure, double cutoff) {
        CellListSearch search = new CellListSearch(structure.lattice(), cutoff, structure.size());
        search.placeSites(structure);
        return search.collect(structure.size());
    }

    private void placeSites(Structure structure) {
        int n = structure.size();
        Lattice lattice = structure.lattice();
        siteBin = new int[n];
        int[] counts = new int[bins[0] * bins[1] * bins[2] + 1];
        for (int i = 0; i < n; i++) {
            double[] frac = structure.site(i).fracCoords();
            double[] wrapped = Structure.wrap(frac);
            int[] bin = new int[3];
            for (int k = 0; k < 3; k++) {
                shift[3 * i + k] = (int) Math.round(frac[k] - wrapped[k]);
                bin[k] = Math.min(bins[k] - 1, (int) (wrapped[k] * bins[k]));
            }
            System.arraycopy(lattice.cartCoords(wrapped), 0, cart, 3 * i, 3);
            siteBin[i] = (bin[0] * bins[1] + bin[1]) * bins[2] + bin[2];
            counts[siteBin[i] + 1]++;
        }
        for (int b = 1; b < counts.length; b++) {
            counts[b] += counts[b - 1];
        }
        binStart = counts.clone();
        binMembers = new int[n];
        int[] fill = counts.clone();
        for (int i = 0; i < n; i++) {
            binMembers[fill[siteBin[i]]++] = i;
        }
    }

    private NeighbourList collect(int n) {
        Found found = new Found(n * 16);
        int[] start = new int[n + 1];
        for (int i = 0; i < n; i++) {
            start[i] = found.size;
            visitBins(i, found);
        }
        start[n] = found.size;
        return new NeighbourList(cutoff, start, Arrays.copyOf(found.index, found.size),
                Arrays.copyOf(found.images, 3 * found.size), Arrays.copyOf(found.distances, found.size),
                Arrays.copyOf(found.vectors, 3 * found.size));
    }

    private void visitBins(int i, Found found) {
        int bc = siteBin[i] % bins[2];
        int bb = (siteBin[i] / bins[2]) % bins[1];
        int ba = siteBin[i] / (bins[2] * bins[1]);
        for (int da = -reach[0]; da <= reach[0]; da++) {
            for (int db = -reach[1]; db <= reach[1]; db++) {
                for (int dc = -reach[2]; dc <= reach[2]; dc++) {
                    visitBin(i, ba + da, bb + db, bc + dc, found);
                }
            }
        }
    }

    /** Compares site i with every site of bin (ta, tb, tc), which may lie outside the cell. */
    private void visitBin(int i, int ta, int tb, int tc, Found found) {
        int ia = Math.floorDiv(ta, bins[0]);
        int ib = Math.floorDiv(tb, bins[1]);
        int ic = Math.floorDiv(tc, bins[2]);
        int bin = (Math.floorMod(ta, bins[0]) * bins[1] + Math.floorMod(tb, bins[1])) * bins[2] + Math.floorMod(tc, bins[2]);
        double tx = ia * translations[0][0] + ib * translations[1][0] + ic * translations[2][0] - cart[3 * i];
        double ty = ia * translations[0][1] + ib * translations[1][1] + ic * translations[2][1] - cart[3 * i + 1];
        double tz = ia * translations[0][2] + ib * translations[1][2] + ic * translations[2][2] - cart[3 * i + 2];
        double cutoff2 = cutoff * cutoff;
        for (int m = binStart[bin]; m < binStart[bin + 1]; m++) {
            int j = binMembers[m];
            double dx = cart[3 * j] + tx;
            double dy = cart[3 * j + 1] + ty;
            double dz = cart[3 * j + 2] + tz;
            double d2 = dx * dx + dy * dy + dz * dz;
            if (d2 <= cutoff2) {
                double d = Math.sqrt(d2);
                if (d >= SELF_DISTANCE_ANGSTROM) {
                    // image relative to the stored (unwrapped) coordinates of both sites
                    found.add(j, ia + shift[3 * i] - shift[3 * j], ib + shift[3 * i + 1] - shift[3 * j + 1],
                            ic + shift[3 * i + 2] - shift[3 * j + 2], d, dx, dy, dz);
                }
            }
        }
    }

    /** Growable columns of found neighbours. */
    private static final class Found {
        int size;
        int[] index;
        int[] images;
        double[] distances;
        double[] vectors;

        Found(int capacity) {
            int c = Math.max(16, capacity);
            index = new int[c];
            images = new int[3 * c];
            distances = new double[c];
            vectors = new double[3 * c];
        }

        void add(int j, int a, int b, int c, double d, double dx, double dy, double dz) {
            if (size == index.length) {
                int capacity = 2 * size;
                index = Arrays.copyOf(index, capacity);
                images = Arrays.copyOf(images, 3 * capacity);
                distances = Arrays.copyOf(distances, capacity);
                vectors = Arrays.copyOf(vectors, 3 * capacity);
            }
            index[size] = j;
            images[3 * size] = a;
            images[3 * size + 1] = b;
            images[3 * size + 2] = c;
            distances[size] = d;
            vectors[3 * size] = dx;
            vectors[3 * size + 1] = dy;
            vectors[3 * size + 2] = dz;
            size++;
        }
    }
}
