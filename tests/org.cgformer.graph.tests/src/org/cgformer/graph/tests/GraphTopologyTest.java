package org.cgformer.graph.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.cgformer.graph.api.GraphOptions;
import org.cgformer.graph.api.GraphTopology;
import org.cgformer.graph.api.IsolatedSitePolicy;
import org.cgformer.graph.internal.NeighbourSelection;
import org.cgformer.structure.api.Lattice;
import org.cgformer.structure.api.NeighbourList;
import org.cgformer.structure.api.Site;
import org.cgformer.structure.api.Species;
import org.cgformer.structure.api.Structure;
import org.junit.jupiter.api.Test;

/** Neighbours, degrees, distances and shortest paths against {@link BruteForceGraph} on shared structures. */
class GraphTopologyTest {

    @Test
    void nasiconCellMatchesBruteForce() throws Exception {
        Structure nasicon = SharedStructures.read(SharedStructures.NASICON);
        assertMatchesBruteForce(nasicon, GraphOptions.defaults(), "NASICON");
    }

    @Test
    void nasiconSupercellMatchesBruteForce() throws Exception {
        Structure supercell = SharedStructures.read(SharedStructures.NASICON).supercell(2, 1, 1);
        assertMatchesBruteForce(supercell, GraphOptions.defaults(), "NASICON 2x1x1");
    }

    @Test
    void twoDimensionalMaterialsMatchBruteForce() throws Exception {
        for (Path file : SharedStructures.everyNth(SharedStructures.JDFT2D, 25)) {
            assertMatchesBruteForce(SharedStructures.read(file), GraphOptions.defaults(), file.getFileName().toString());
        }
    }

    @Test
    void commonMaterialsMatchBruteForce() throws Exception {
        int checked = 0;
        for (Path file : SharedStructures.everyNth("structures/cod_common", 17)) {
            Structure structure;
            try {
                structure = SharedStructures.read(file);
            } catch (Exception e) {
                continue; // a few COD files are refused by the reader; the structure tests cover that
            }
            if (structure.size() <= 150) {
                assertMatchesBruteForce(structure, GraphOptions.defaults(), file.getFileName().toString());
                checked++;
            }
        }
        assertTrue(checked >= 15, "only " + checked + " COD structures checked");
    }

    @Test
    void shortCutoffPadsSlotsAndMatchesBruteForce() throws Exception {
        GraphOptions tight = GraphOptions.builder().optCutoff(3.0).optMaxNeighbours(8).optMaxPathLength(3)
                .optIsolatedSites(IsolatedSitePolicy.KEEP_ISOLATED).build();
        Structure nasicon = SharedStructures.read(SharedStructures.NASICON);
        GraphTopology graph = assertMatchesBruteForce(nasicon, tight, "NASICON at 3 Å");
        boolean padded = false;
        boolean capped = false;
        for (int i = 0; i < graph.nodes(); i++) {
            padded |= graph.outDegree()[i] < 8;
            for (int j = 0; j < graph.nodes(); j++) {
                capped |= graph.pathLength(i, j) == 3;
            }
        }
        assertTrue(padded, "some sites have fewer than 8 neighbours within 3 Å");
        assertTrue(capped, "some paths reach the cap of 3");
        for (Path file : SharedStructures.everyNth(SharedStructures.JDFT2D, 40)) {
            assertMatchesBruteForce(SharedStructures.read(file), tight, file.getFileName() + " at 3 Å");
        }
    }

    /**
     * The search grows its radius from the site density up to the cutoff; the graph must be the one of all neighbours
     * within the cutoff, bit for bit: on a dense cell (one search), on layered cells with vacuum, and on a slab with a
     * lone atom 9 Å above it, whose nearest neighbours lie beyond every radius but the cutoff itself (growth to the
     * cutoff; with a 12 Å cutoff, found there; with 8 Å, none, so the lone atom is isolated).
     */
    @Test
    void growingSearchGivesTheGraphOfTheWholeCutoff() throws Exception {
        assertSameAsOneSearch(SharedStructures.read(SharedStructures.NASICON), GraphOptions.defaults(), "NASICON");
        for (Path file : SharedStructures.everyNth(SharedStructures.JDFT2D, 60)) {
            assertSameAsOneSearch(SharedStructures.read(file), GraphOptions.defaults(), file.getFileName().toString());
        }
        Structure slab = slabWithLoneAtom();
        GraphOptions wide = GraphOptions.builder().optCutoff(12.0).build();
        GraphTopology graph = assertSameAsOneSearch(slab, wide, "slab, 12 Å");
        assertEquals(wide.maxNeighbours(), graph.outDegree()[slab.size() - 1], "the lone atom's 12 neighbours lie 9 to 12 Å away");
        assertMatchesBruteForce(slab, wide, "slab, 12 Å");
        GraphOptions keep = GraphOptions.builder().optIsolatedSites(IsolatedSitePolicy.KEEP_ISOLATED).build();
        assertEquals(0, assertSameAsOneSearch(slab, keep, "slab, 8 Å").outDegree()[slab.size() - 1], "nothing within 8 Å of the lone atom");
        org.junit.jupiter.api.Assertions.assertThrows(org.cgformer.graph.api.FeaturizationException.class,
                () -> GraphTopology.of(slab, GraphOptions.defaults()), "an isolated site is refused by default, as before");
    }

    /** 4 x 4 x 4 simple cubic Na at 2.5 Å (64 sites) at the bottom of a 10 x 10 x 30 Å cell, one Na 9 Å above its top layer. */
    private static Structure slabWithLoneAtom() {
        Lattice lattice = Lattice.of(new double[][] {{10, 0, 0}, {0, 10, 0}, {0, 0, 30}});
        List<Site> sites = new java.util.ArrayList<>();
        Species na = Species.parse("Na");
        for (int a = 0; a < 4; a++) {
            for (int b = 0; b < 4; b++) {
                for (int c = 0; c < 4; c++) {
                    sites.add(Site.of("Na" + sites.size(), na, a / 4.0, b / 4.0, c * 2.5 / 30));
                }
            }
        }
        sites.add(Site.of("lone", na, 0.125, 0.125, (7.5 + 9) / 30));
        return Structure.of(lattice, sites);
    }

    /** The graph of {@link GraphTopology#of} against the M nearest of one neighbour search at the cutoff, bit for bit. */
    private static GraphTopology assertSameAsOneSearch(Structure structure, GraphOptions options, String what) throws Exception {
        GraphTopology graph = GraphTopology.of(structure, options);
        NeighbourList all = NeighbourList.of(structure, options.cutoffAngstrom());
        NeighbourSelection expected = new NeighbourSelection(structure.size(), options.maxNeighbours());
        for (int i = 0; i < structure.size(); i++) {
            expected.select(i, all.neighbours(i));
        }
        assertArrayEquals(expected.index(), graph.neighbourIndex(), what + ": neighbours");
        assertArrayEquals(expected.image(), graph.neighbourImage(), what + ": images");
        assertArrayEquals(expected.distance(), graph.neighbourDistance(), what + ": distances");
        assertArrayEquals(expected.vector(), graph.neighbourVector(), what + ": vectors");
        assertArrayEquals(expected.mask(), graph.neighbourMask(), what + ": mask");
        assertArrayEquals(expected.inDegree(), graph.inDegree(), what + ": in-degrees");
        return graph;
    }

    static GraphTopology assertMatchesBruteForce(Structure structure, GraphOptions options, String what) throws Exception {
        GraphTopology graph = GraphTopology.of(structure, options);
        int m = options.maxNeighbours();
        BruteForceGraph expected = new BruteForceGraph(structure, options.cutoffAngstrom(), m, options.maxPathLength());
        assertEquals(structure.size(), graph.nodes(), what);
        assertArrayEquals(expected.outDegree, graph.outDegree(), what + ": out-degrees");
        assertArrayEquals(expected.inDegree, graph.inDegree(), what + ": in-degrees");
        int[] images = graph.neighbourImage();
        for (int i = 0; i < graph.nodes(); i++) {
            List<BruteForceGraph.Edge> edges = expected.kept.get(i);
            for (int s = 0; s < m; s++) {
                String where = what + " node " + i + " slot " + s;
                if (s < edges.size()) {
                    BruteForceGraph.Edge e = edges.get(s);
                    assertTrue(graph.isEdge(i, s), where);
                    assertEquals(e.j(), graph.neighbour(i, s), where + ": neighbour index");
                    assertArrayEquals(new int[] {e.a(), e.b(), e.c()}, new int[] {images[3 * (i * m + s)],
                            images[3 * (i * m + s) + 1], images[3 * (i * m + s) + 2]}, where + ": image");
                    assertEquals(e.d(), graph.distance(i, s), 1e-5, where + ": distance");
                } else {
                    assertFalse(graph.isEdge(i, s), where + " is padding");
                    assertEquals(i, graph.neighbour(i, s), where + ": padding points at the node itself");
                    assertEquals(0f, graph.distance(i, s), where);
                }
            }
            for (int j = 0; j < graph.nodes(); j++) {
                assertEquals(expected.paths[i][j], graph.pathLength(i, j), what + ": path " + i + " -> " + j);
            }
        }
        return graph;
    }
}
