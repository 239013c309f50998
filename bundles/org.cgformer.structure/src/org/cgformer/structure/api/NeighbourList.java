package org.cgformer.structure.api;

import java.util.AbstractList;
import java.util.List;

import org.cgformer.structure.internal.CellListSearch;

/**
 * All neighbours of every site within a cutoff, periodic images included, found with cell lists
 * (linear in the number of sites). Neighbours of each site are in no particular order.
 */
public final class NeighbourList {

    private final double cutoffAngstrom;
    /** Neighbours of site i are entries start[i] .. start[i+1]-1 of the arrays below. */
    private final int[] start;
    private final int[] index;
    private final int[] images;
    private final double[] distances;
    private final double[] vectors;

    /** Built by the search; use {@link #of(Structure, double)}. */
    public NeighbourList(double cutoffAngstrom, int[] start, int[] index, int[] images, double[] distances,
            double[] vectors) {
        this.cutoffAngstrom = cutoffAngstrom;
        this.start = start;
        this.index = index;
        this.images = images;
        this.distances = distances;
        this.vectors = vectors;
    }

    /** Every neighbour of every site of {@code structure} within {@code cutoffAngstrom} (inclusive). */
    public static NeighbourList of(Structure structure, double cutoffAngstrom) {
        if (!(cutoffAngstrom > 0) || Double.isInfinite(cutoffAngstrom)) {
            throw new StructureException("neighbour cutoff must be a positive distance, got " + cutoffAngstrom);
        }
        return CellListSearch.search(structure, cutoffAngstrom);
    }

    public double cutoffAngstrom() {
        return cutoffAngstrom;
    }

    /** Number of sites. */
    public int size() {
        return start.length - 1;
    }

    /** Number of neighbours of site {@code site}. */
    public int count(int site) {
        return start[site + 1] - start[site];
    }

    /** Number of (directed) neighbour pairs over all sites. */
    public int totalCount() {
        return start[start.length - 1];
    }

    /** Neighbours of site {@code site}. */
    public List<Neighbour> neighbours(int site) {
        int from = start[site];
        int n = count(site);
        return new AbstractList<>() {
            @Override
            public Neighbour get(int k) {
                if (k < 0 || k >= n) {
                    throw new IndexOutOfBoundsException(k);
                }
                int e = from + k;
                return new Neighbour(index[e], images[3 * e], images[3 * e + 1], images[3 * e + 2], distances[e],
                        vectors[3 * e], vectors[3 * e + 1], vectors[3 * e + 2]);
            }

            @Override
            public int size() {
                return n;
            }
        };
    }
}
