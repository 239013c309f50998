package org.cgformer.design.structure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** In the package of the (package-private) Ewald code, so the fragment can reach it. */
class EwaldMatrixTest {

    /** Rock salt's Madelung constant (nearest-neighbour convention). */
    static final double MADELUNG_NACL = 1.747565;

    @Test
    void rockSaltEnergyMatchesTheMadelungConstant() {
        double a = 5.64;
        double[][] lattice = {{a, 0, 0}, {0, a, 0}, {0, 0, a}};
        double[][] fcc = {{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}};
        double[][] cart = new double[8][3];
        int[] charges = new int[8];
        for (int i = 0; i < 4; i++) {
            for (int x = 0; x < 3; x++) {
                cart[i][x] = fcc[i][x] * a;                                // Na+
                cart[i + 4][x] = (fcc[i][x] + (x == 0 ? 0.5 : 0)) * a;     // Cl- shifted by a/2 along x
            }
            charges[i] = 1;
            charges[i + 4] = -1;
        }
        double energy = EwaldMatrix.energy(EwaldMatrix.of(lattice, cart), charges);
        double expected = -4 * MADELUNG_NACL * EwaldMatrix.COULOMB_EV_ANGSTROM / (a / 2);
        assertEquals(expected, energy, 1e-4 * Math.abs(expected));
    }
}
