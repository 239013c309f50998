package org.cgformer.structure.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.cgformer.structure.api.Composition;
import org.cgformer.structure.api.Element;
import org.cgformer.structure.api.Lattice;
import org.cgformer.structure.api.Site;
import org.cgformer.structure.api.Species;
import org.cgformer.structure.api.Structure;
import org.cgformer.structure.api.StructureException;
import org.junit.jupiter.api.Test;

/** Lattice, element data, species, composition and structure, checked against pymatgen's values. */
class StructureModelTest {

    private static Structure rockSalt() {
        Lattice lattice = Lattice.cubic(5.64);
        Structure.Builder builder = Structure.builder(lattice);
        double[][] fcc = {{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}};
        for (double[] t : fcc) {
            builder.addSite("Na", Species.parse("Na+"), t[0], t[1], t[2]);
        }
        for (double[] t : fcc) {
            builder.addSite("Cl", Species.parse("Cl-"), t[0] + 0.5, t[1], t[2]);
        }
        return builder.build();
    }

    @Test
    void latticeFromParametersUsesPymatgenConvention() {
        // pymatgen: Lattice.from_parameters(3, 4, 5, 80, 95, 110).matrix
        Lattice lattice = Lattice.fromParameters(3, 4, 5, 80, 95, 110);
        double[][] m = lattice.matrix();
        assertArrayEquals(new double[] {2.98858409, 0, -0.26146722}, m[0], 1e-7);
        assertArrayEquals(new double[] {0, 0, 5}, m[2], 1e-12);
        assertArrayEquals(new double[] {3, 4, 5, 80, 95, 110}, lattice.parameters(), 1e-9);
        assertEquals(m[1][2], 4 * Math.cos(Math.toRadians(80)), 1e-12);
    }

    @Test
    void volumeAndCoordinatesAgree() {
        Lattice lattice = Lattice.fromParameters(5.1, 6.2, 7.3, 75, 85, 95);
        double[] frac = {0.1, 0.7, -0.3};
        assertArrayEquals(frac, lattice.fracCoords(lattice.cartCoords(frac)), 1e-12);
        double[][] m = lattice.matrix();
        double[] cross = {m[1][1] * m[2][2] - m[1][2] * m[2][1], m[1][2] * m[2][0] - m[1][0] * m[2][2],
            m[1][0] * m[2][1] - m[1][1] * m[2][0]};
        assertEquals(Math.abs(m[0][0] * cross[0] + m[0][1] * cross[1] + m[0][2] * cross[2]), lattice.volume(), 1e-9);
    }

    @Test
    void reciprocalVectorsAreDualToDirectOnes() {
        Lattice lattice = Lattice.fromParameters(4, 5, 6, 70, 100, 115);
        Lattice reciprocal = lattice.reciprocalLatticeCrystallographic();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double[] a = lattice.vector(i);
                double[] b = reciprocal.vector(j);
                assertEquals(i == j ? 1 : 0, a[0] * b[0] + a[1] * b[1] + a[2] * b[2], 1e-12);
            }
        }
        assertEquals(2 * Math.PI / 4, Lattice.cubic(4).reciprocalLattice().a(), 1e-12);
    }

    @Test
    void rejectsDegenerateLatticeQuotingParameters() {
        StructureException e = assertThrows(StructureException.class, () -> Lattice.fromParameters(3, 3, 3, 90, 90, 180));
        assertTrue(e.getMessage().contains("gamma=180"), e.getMessage());
        assertThrows(StructureException.class, () -> Lattice.fromParameters(-1, 3, 3, 90, 90, 90));
    }

    @Test
    void elementDataMatchesPymatgenTable() {
        Element na = Element.of("Na");
        assertEquals(11, na.atomicNumber());
        assertEquals(22.98976928, na.atomicMass(), 1e-9);
        assertEquals(0.93, na.electronegativity(), 1e-12);
        assertEquals(1, na.group());
        assertEquals(3, na.row());
        assertEquals(1.02, na.shannonRadius(1, "VI").getAsDouble(), 1e-12);
        assertEquals(0.72, Element.of("Zr").shannonRadius(4, "VI").getAsDouble(), 1e-12);
        assertEquals(8, Element.of("La").row());
        assertEquals(3, Element.of("La").group());
        assertEquals(17, Element.of("Cl").group());
        assertEquals(118, Element.all().size());
        assertTrue(Element.of("Fe").commonOxidationStates().contains(3));
        assertTrue(Double.isNaN(Element.of("He").electronegativity()));
        assertThrows(StructureException.class, () -> Element.of("Xx"));
    }

    @Test
    void parsesSpeciesWithCharges() {
        assertEquals(4.0, Species.parse("Zr4+").oxidationState().getAsDouble());
        assertEquals(-2.0, Species.parse("O2-").oxidationState().getAsDouble());
        assertEquals(1.0, Species.parse("Na+").oxidationState().getAsDouble());
        assertFalse(Species.parse("Na").hasOxidationState());
        assertEquals("Zr4+", Species.parse("Zr4+").toString());
        assertEquals("Na+", Species.parse("Na+").toString());
        assertThrows(StructureException.class, () -> Species.parse("Zr4"));
    }

    @Test
    void formulasFollowPymatgen() {
        Composition nasicon = Composition.of("O", 12, "Na", 3, "Zr", 2, "P", 1, "Si", 2);
        assertEquals("Na3 Zr2 Si2 P1 O12", nasicon.formula());
        assertEquals("Na3Zr2Si2PO12", nasicon.reducedFormula());
        assertEquals("NaCl", rockSalt().reducedFormula());
        assertEquals("Na4 Cl4", rockSalt().formula());
        assertEquals("Na1.5Zr", Composition.of("Na", 1.5, "Zr", 1).reducedFormula());
    }

    @Test
    void densityOfRockSaltIsKnownValue() {
        // 4 NaCl (58.443 u) in (5.64 Å)^3: 2.164 g/cm^3
        assertEquals(2.1645, rockSalt().density(), 1e-3);
    }

    @Test
    void compositionIsOccupancyWeighted() {
        Structure s = Structure.builder(Lattice.cubic(4))
                .addSite("M", new double[] {0, 0, 0}, Map.of(Species.of("Zr"), 0.5, Species.of("Hf"), 0.25))
                .addSite("O", Species.of("O"), 0.5, 0.5, 0.5).build();
        assertEquals(0.5, s.composition().amount("Zr"), 1e-12);
        assertEquals(0.25, s.composition().amount("Hf"), 1e-12);
        assertFalse(s.isOrdered());
    }

    @Test
    void rejectsOccupanciesAboveOne() {
        StructureException e = assertThrows(StructureException.class,
                () -> Site.of("M1", new double[] {0, 0, 0}, Map.of(Species.of("Zr"), 0.7, Species.of("Hf"), 0.6)));
        assertTrue(e.getMessage().contains("M1") && e.getMessage().contains("1.3"), e.getMessage());
    }

    @Test
    void supercellMultipliesSitesAndVolume() {
        Structure s = rockSalt().supercell(2, 1, 3);
        assertEquals(48, s.size());
        assertEquals(6 * rockSalt().volume(), s.volume(), 1e-9);
        assertEquals(rockSalt().density(), s.density(), 1e-12);
        assertEquals("NaCl", s.reducedFormula());
    }

    @Test
    void wrappingMovesCoordinatesIntoTheCell() {
        Structure s = Structure.builder(Lattice.cubic(3)).addSite("Na", Species.of("Na"), 1.25, -0.25, 2.0).build();
        assertArrayEquals(new double[] {0.25, 0.75, 0}, s.wrapped().site(0).fracCoords(), 1e-12);
        assertEquals(1.25, s.site(0).x(), 0, "the original is unchanged");
    }
}
