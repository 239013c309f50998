package org.cgformer.graph.api;

import java.util.List;

import org.cgformer.graph.internal.NeighbourSelection;
import org.cgformer.graph.internal.ShortestPaths;
import org.cgformer.structure.api.Neighbour;
import org.cgformer.structure.api.NeighbourList;
import org.cgformer.structure.api.Site;
import org.cgformer.structure.api.Structure;
import org.cgformer.structure.api.StructureException;

/**
 * The crystal graph of a structure without features: nodes are the sites (one node per site,
 * whatever its occupancy), and each node has M neighbour slots holding its M nearest neighbours
 * within the cutoff, periodic images included, nearest first. Immutable; all arrays are flat,
 * row-major, with the shapes given below (n nodes, M = {@link #maxNeighbours()}).
 *
 * <ul>
 * <li>{@code neighbourIndex [n, M]}: site index of each neighbour; a padding slot (fewer than M
 * neighbours within the cutoff) holds the node's own index so that it is always a valid index,
 * and its mask is false</li>
 * <li>{@code neighbourImage [n, M, 3]}: lattice translation of the neighbour, relative to the
 * sites' coordinates as stored; 0 in padding</li>
 * <li>{@code neighbourDistance [n, M]}: Å; 0 in padding</li>
 * <li>{@code neighbourVector [n, M, 3]}: Cartesian vector from the node to the neighbour, Å; 0 in padding</li>
 * <li>{@code neighbourMask [n, M]}: true for a real edge</li>
 * <li>{@code outDegree [n]}: real edges leaving the node (≤ M); {@code inDegree [n]}: real edges
 * arriving at it. Edges to different images of one site count separately, as CGCNN's slots.</li>
 * <li>{@code shortestPath [n, n]}: number of edges on the shortest directed path i → j (edge i → j
 * when j fills a slot of i), by breadth-first search; 0 on the diagonal; paths longer than
 * {@link GraphOptions#maxPathLength()} are stored as that value; {@link #UNREACHABLE} when there
 * is no path</li>
 * </ul>
 *
 * Equal distances (within {@link #DISTANCE_TIE_ANGSTROM}) are ordered by site index, then image,
 * so the same structure always gives the same graph.
 */
public final class GraphTopology {

    /** Shortest-path value of a pair with no path between them. */
    public static final byte UNREACHABLE = -1;
    /** Distances closer than this (Å) count as equal when neighbours are ordered. */
    public static final double DISTANCE_TIE_ANGSTROM = 1e-6;

    final int nodes;
    final int maxNeighbours;
    final int[] neighbourIndex;
    final int[] neighbourImage;
    final float[] neighbourDistance;
    final float[] neighbourVector;
    final boolean[] neighbourMask;
    final int[] inDegree;
    final int[] outDegree;
    final byte[] shortestPath;
    final GraphOptions options;

    GraphTopology(GraphOptions options, int nodes, int[] neighbourIndex, int[] neighbourImage, float[] neighbourDistance,
            float[] neighbourVector, boolean[] neighbourMask, int[] inDegree, int[] outDegree, byte[] shortestPath) {
        this.options = options;
        this.nodes = nodes;
        this.maxNeighbours = options.maxNeighbours();
        this.neighbourIndex = neighbourIndex;
        this.neighbourImage = neighbourImage;
        this.neighbourDistance = neighbourDistance;
        this.neighbourVector = neighbourVector;
        this.neighbourMask = neighbourMask;
        this.inDegree = inDegree;
        this.outDegree = outDegree;
        this.shortestPath = shortestPath;
    }

    /**
     * The graph of {@code structure}.
     *
     * @throws FeaturizationException for a structure without sites, or (with
     *         {@link IsolatedSitePolicy#FAIL}) a site without any neighbour within the cutoff
     */
    public static GraphTopology of(Structure structure, GraphOptions options) throws FeaturizationException {
        if (structure.size() == 0) {
            throw new FeaturizationException("structure " + structure.formula() + " has no sites");
        }
        int n = structure.size();
        int m = options.maxNeighbours();
        NeighbourList all;
        try {
            all = nearestCandidates(structure, m, options.cutoffAngstrom());
        } catch (StructureException e) {
            throw new FeaturizationException("neighbour search failed for " + structure.formula() + ": " + e.getMessage(), e);
        }
        NeighbourSelection selection = new NeighbourSelection(n, m);
        for (int i = 0; i < n; i++) {
            List<Neighbour> found = all.neighbours(i);
            if (found.isEmpty() && options.isolatedSites() == IsolatedSitePolicy.FAIL) {
                throw isolated(structure, i, options);
            }
            selection.select(i, found);
        }
        byte[] paths = ShortestPaths.compute(n, m, selection.index(), selection.mask(), options.maxPathLength());
        return new GraphTopology(options, n, selection.index(), selection.image(), selection.distance(),
                selection.vector(), selection.mask(), selection.inDegree(), selection.outDegree(), paths);
    }

    /**
     * Radius of the first search of {@link #nearestCandidates}, as a multiple of the radius of a sphere holding M + 1
     * sites at the structure's mean site density: wide enough that dense crystals need one search.
     */
    private static final double FIRST_RADIUS_FACTOR = 1.4;
    /** Growth of the search radius when some site's M nearest are not certainly inside it. */
    private static final double RADIUS_GROWTH = 1.5;
    /** Margin (Å) below the search radius within which the M-th nearest must lie: a tie key cannot reach past it. */
    private static final double RADIUS_MARGIN_ANGSTROM = 10 * DISTANCE_TIE_ANGSTROM;

    /**
     * Neighbours that include every site's M nearest within {@code cutoff}, in the order the selection ranks them, so
     * that the graph is the one of all neighbours within the cutoff, bit for bit. A 42-site NASICON cell has about 170
     * neighbours per site within CGCNN's 8 Å but needs only 12; the cell-list search visits a volume that grows with the
     * cube of its radius, so the search first runs at a radius from the site density and grows it (to at most the
     * cutoff) until every site has at least M neighbours closer than the radius by a margin: all neighbours beyond it
     * are then farther, in distance and tie key alike, and cannot be among the M nearest. A site with fewer than M
     * neighbours within the cutoff (or none, see {@link IsolatedSitePolicy}) ends the growth at the cutoff itself, as
     * one search at the cutoff would have.
     */
    private static NeighbourList nearestCandidates(Structure structure, int m, double cutoff) {
        double density = structure.size() / structure.lattice().volume();
        double radius = Math.min(cutoff, FIRST_RADIUS_FACTOR * Math.cbrt(3 * (m + 1) / (4 * Math.PI * density)));
        while (true) {
            NeighbourList found = NeighbourList.of(structure, radius);
            if (radius >= cutoff || holdsNearest(found, m, radius - RADIUS_MARGIN_ANGSTROM)) {
                return found;
            }
            radius = Math.min(cutoff, radius * RADIUS_GROWTH);
        }
    }

    /** Whether every site has at least {@code m} neighbours closer than {@code within}. */
    private static boolean holdsNearest(NeighbourList found, int m, double within) {
        for (int i = 0; i < found.size(); i++) {
            int closer = 0;
            for (Neighbour nb : found.neighbours(i)) {
                if (nb.distance() < within && ++closer >= m) {
                    break;
                }
            }
            if (closer < m) {
                return false;
            }
        }
        return true;
    }

    private static FeaturizationException isolated(Structure structure, int i, GraphOptions options) {
        Site site = structure.site(i);
        return new FeaturizationException(String.format(java.util.Locale.ROOT,
                "site %d '%s' (%s) of %s has no neighbour within the cutoff of %s Å; raise the cutoff or keep isolated "
                        + "sites (IsolatedSitePolicy.KEEP_ISOLATED)",
                i, site.label(), site.majoritySpecies(), structure.formula(), options.cutoffAngstrom()));
    }

    public GraphOptions options() {
        return options;
    }

    /** n, the number of sites. */
    public int nodes() {
        return nodes;
    }

    /** M, the neighbour slots per node. */
    public int maxNeighbours() {
        return maxNeighbours;
    }

    /** Number of real edges (mask true). */
    public int edges() {
        int count = 0;
        for (int d : outDegree) {
            count += d;
        }
        return count;
    }

    /** [n, M] site index per slot (the node itself in padding). A copy. */
    public int[] neighbourIndex() {
        return neighbourIndex.clone();
    }

    /** [n, M, 3] lattice translations. A copy. */
    public int[] neighbourImage() {
        return neighbourImage.clone();
    }

    /** [n, M] distances in Å. A copy. */
    public float[] neighbourDistance() {
        return neighbourDistance.clone();
    }

    /** [n, M, 3] Cartesian vectors, Å. A copy. */
    public float[] neighbourVector() {
        return neighbourVector.clone();
    }

    /** [n, M] true for real edges. A copy. */
    public boolean[] neighbourMask() {
        return neighbourMask.clone();
    }

    /** [n]. A copy. */
    public int[] inDegree() {
        return inDegree.clone();
    }

    /** [n]. A copy. */
    public int[] outDegree() {
        return outDegree.clone();
    }

    /** [n, n] shortest-path lengths, capped; {@link #UNREACHABLE} where none. A copy. */
    public byte[] shortestPath() {
        return shortestPath.clone();
    }

    /** Site index in slot {@code slot} of node {@code node}. */
    public int neighbour(int node, int slot) {
        return neighbourIndex[node * maxNeighbours + slot];
    }

    /** Distance in Å in slot {@code slot} of node {@code node}. */
    public float distance(int node, int slot) {
        return neighbourDistance[node * maxNeighbours + slot];
    }

    /** Whether slot {@code slot} of node {@code node} is a real edge. */
    public boolean isEdge(int node, int slot) {
        return neighbourMask[node * maxNeighbours + slot];
    }

    /** Shortest-path length i → j (capped), or {@link #UNREACHABLE}. */
    public int pathLength(int i, int j) {
        return shortestPath[i * nodes + j];
    }
}
