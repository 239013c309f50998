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
