package org.cgformer.ui.structure.internal;

import java.util.ArrayList;
import java.util.List;

import org.cgformer.structure.api.Element;
import org.cgformer.structure.api.Lattice;
import org.cgformer.structure.api.Neighbour;
import org.cgformer.structure.api.NeighbourList;
import org.cgformer.structure.api.Site;
import org.cgformer.structure.api.Structure;
import org.eclipse.swt.graphics.RGB;

/**
 * What the structure page draws, in Cartesian Angstrom: one ball per site and cell repeat, half-bonds
 * (each coloured like the ball it starts from) and the edges of the repeated cell. Built once per
 * structure and repeat; the view only projects it.
 */
public final class StructureScene {

    /** Ball radius as a fraction of the covalent radius (ball-and-stick, so bonds stay visible). */
    static final double BALL_SCALE = 0.45;

    /** Two sites are bonded when closer than this factor times the sum of their covalent radii. */
    static final double BOND_TOLERANCE = 1.15;

    /**
     * Pauling electronegativity below which an element counts as a cation former for drawing: no bond is
     * drawn between two such sites (Na-Na, Na-Zr), only cation-anion bonds, as in VESTA's defaults.
     */
    static final double CATION_ELECTRONEGATIVITY = 2.2;

    /** Covalent radius (Angstrom) used when the element table has none. */
    static final double DEFAULT_COVALENT_RADIUS = 1.0;

    public record Ball(double[] cart, double radius, RGB colour, String label, String element, double occupancy) {
    }

    public record Stick(double[] from, double[] to, RGB colour) {
    }

    private final List<Ball> balls = new ArrayList<>();
    private final List<Stick> sticks = new ArrayList<>();
    private final List<double[][]> edges = new ArrayList<>();
    private final double[] centre;

    StructureScene(Structure structure, int repeatA, int repeatB, int repeatC) {
        Structure wrapped = structure.wrapped();
        Lattice lattice = wrapped.lattice();
        NeighbourList neighbours = bondCutoff(wrapped) > 0 ? NeighbourList.of(wrapped, bondCutoff(wrapped)) : null;
        for (int i = 0; i < repeatA; i++) {
            for (int j = 0; j < repeatB; j++) {
                for (int k = 0; k < repeatC; k++) {
                    addCell(wrapped, neighbours, lattice.cartCoords(new double[] {i, j, k}));
                }
            }
        }
        addEdges(lattice, repeatA, repeatB, repeatC);
        centre = lattice.cartCoords(new double[] {repeatA / 2.0, repeatB / 2.0, repeatC / 2.0});
    }

    private void addCell(Structure structure, NeighbourList neighbours, double[] shift) {
        for (int s = 0; s < structure.size(); s++) {
            Site site = structure.site(s);
            Element element = site.majoritySpecies().element();
            double[] cart = plus(structure.cartCoords(s), shift);
            RGB colour = ElementColours.of(element.atomicNumber());
            balls.add(new Ball(cart, BALL_SCALE * covalentRadius(element), colour, site.label(), element.symbol(),
                    site.totalOccupancy()));
            if (neighbours == null) {
                continue;
            }
            for (Neighbour n : neighbours.neighbours(s)) {
                Element other = structure.site(n.index()).majoritySpecies().element();
                if (bonded(element, other, n.distance())) {
                    double[] middle = {cart[0] + n.dx() / 2, cart[1] + n.dy() / 2, cart[2] + n.dz() / 2};
                    sticks.add(new Stick(cart, middle, colour));
                }
            }
        }
    }

    private void addEdges(Lattice lattice, int na, int nb, int nc) {
        int[][] corners = new int[8][];
        for (int c = 0; c < 8; c++) {
            corners[c] = new int[] {(c & 1) * na, ((c >> 1) & 1) * nb, ((c >> 2) & 1) * nc};
        }
        for (int c = 0; c < 8; c++) {
            for (int bit = 0; bit < 3; bit++) {
                if ((c & (1 << bit)) == 0) {
                    int d = c | (1 << bit);
                    edges.add(new double[][] {lattice.cartCoords(toDouble(corners[c])), lattice.cartCoords(toDouble(corners[d]))});
                }
            }
        }
    }

    /** Whether a stick is drawn between elements {@code a} and {@code b} at {@code distance} Angstrom. */
    static boolean bonded(Element a, Element b, double distance) {
        boolean cationA = a.electronegativity() < CATION_ELECTRONEGATIVITY;
        boolean cationB = b.electronegativity() < CATION_ELECTRONEGATIVITY;
        if (cationA == cationB) {
            return false;
        }
        return distance <= BOND_TOLERANCE * (covalentRadius(a) + covalentRadius(b));
    }

    /** The longest bond any pair of the structure's elements may form. */
    private static double bondCutoff(Structure structure) {
        double largest = 0;
        for (Site site : structure.sites()) {
            largest = Math.max(largest, covalentRadius(site.majoritySpecies().element()));
        }
        return 2 * BOND_TOLERANCE * largest;
    }

    static double covalentRadius(Element element) {
        double r = element.covalentRadius();
        return r > 0 ? r : DEFAULT_COVALENT_RADIUS;
    }

    private static double[] plus(double[] a, double[] b) {
        return new double[] {a[0] + b[0], a[1] + b[1], a[2] + b[2]};
    }

    private static double[] toDouble(int[] v) {
        return new double[] {v[0], v[1], v[2]};
    }

    public List<Ball> balls() {
        return balls;
    }

    public List<Stick> sticks() {
        return sticks;
    }

    public List<double[][]> edges() {
        return edges;
    }

    /** Centre of the repeated cell, the point the view rotates about. */
    public double[] centre() {
        return centre;
    }

    /** Largest distance of a ball or cell corner from the centre, to fit the scene into the view. */
    public double radius() {
        double r = 1;
        for (Ball b : balls) {
            r = Math.max(r, distance(b.cart(), centre) + b.radius());
        }
        for (double[][] e : edges) {
            r = Math.max(r, Math.max(distance(e[0], centre), distance(e[1], centre)));
        }
        return r;
    }

    private static double distance(double[] a, double[] b) {
        double dx = a[0] - b[0];
        double dy = a[1] - b[1];
        double dz = a[2] - b[2];
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }
}
