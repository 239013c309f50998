package org.cgformer.stability.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Collectors;

import org.cgformer.stability.api.NasiconComposition;
import org.cgformer.stability.api.NasiconException;
import org.cgformer.structure.api.Composition;
import org.cgformer.structure.api.StructureException;
import org.junit.jupiter.api.Test;

class NasiconCompositionTest {

    @Test
    void parsesNestedGroupsAndDecimalAmounts() {
        Composition c = Composition.parse("Mg4Nb2(SO4)9");
        assertEquals(4, c.amount("Mg"), 1e-12);
        assertEquals(9, c.amount("S"), 1e-12);
        assertEquals(36, c.amount("O"), 1e-12);
        Composition d = Composition.parse("Na9Ca6Si4.5Ge6S13.5O72");
        assertEquals(4.5, d.amount("Si"), 1e-12);
        assertEquals(13.5, d.amount("S"), 1e-12);
        Composition e = Composition.parse("Ca2[Nb5(Si3(SO8)3)2]2");
        assertEquals(2, e.amount("Ca"), 1e-12);
        assertEquals(10, e.amount("Nb"), 1e-12);
        assertEquals(12, e.amount("S"), 1e-12);
        assertEquals(96, e.amount("O"), 1e-12);
    }

    @Test
    void namesThePositionOfABadFormula() {
        StructureException unknown = assertThrows(StructureException.class, () -> Composition.parse("Na3Xx2(PO4)3"));
        assertTrue(unknown.getMessage().contains("position 4") && unknown.getMessage().contains("'Xx'"), unknown.getMessage());
        StructureException open = assertThrows(StructureException.class, () -> Composition.parse("NaZr2(PO4"));
        assertTrue(open.getMessage().contains("position 6") && open.getMessage().contains("not closed"), open.getMessage());
        assertThrows(StructureException.class, () -> Composition.parse("Na3)"));
        assertThrows(StructureException.class, () -> Composition.parse("Na1.2.3O"));
        assertThrows(StructureException.class, () -> Composition.parse(""));
    }

    @Test
    void readsPolyanionsOnTheTetrahedralSiteAndTheRestOnTheOctahedralSite() throws Exception {
        NasiconComposition c = NasiconComposition.parse("Na9Ca6Si4.5Ge6S13.5O72");
        assertEquals(1.5, c.sodium(), 1e-9);
        Map<String, Double> m = c.mSite().stream().collect(Collectors.toMap(NasiconComposition.Share::element, NasiconComposition.Share::fraction));
        Map<String, Double> x = c.xSite().stream().collect(Collectors.toMap(NasiconComposition.Share::element, NasiconComposition.Share::fraction));
        assertEquals(Map.of("Ca", 0.5, "Ge", 0.5), m);
        assertEquals(0.25, x.get("Si"), 1e-9);
        assertEquals(0.75, x.get("S"), 1e-9);
        assertEquals(0, c.chargePerFormulaUnit(), 1e-9);
        NasiconComposition empty = NasiconComposition.parse("MgZr(SO4)3");
        assertEquals(0, empty.sodium(), 1e-12);
    }

    @Test
    void refusesWhatIsNotAChargeBalancedNasicon() {
        assertRefused("Na3Zr2Si3O12", "charge");           // -1 per formula unit
        assertRefused("Na9Zr2(PO4)3", "more than the 4 Na sites");
        assertRefused("NaZr3(PO4)3", "M (octahedral) site");
        assertRefused("NaCl", "no oxygen");
        assertRefused("NaUZr(PO4)3", "has no NASICON site");
        assertRefused("Na3Xx2(PO4)3", "unknown element");
    }

    private static void assertRefused(String formula, String reason) {
        NasiconException e = assertThrows(NasiconException.class, () -> NasiconComposition.parse(formula));
        assertTrue(e.getMessage().contains(reason) && e.getMessage().contains(formula), e.getMessage());
    }

    @Test
    void scalesTheLatticeWithTheMeanFrameworkBond() throws Exception {
        // the host itself: no change; larger La3+ on the M site expands, S6+ (0.12 A) on the X site shrinks
        assertEquals(1, NasiconComposition.parse("Na4Zr2(SiO4)3").latticeScale(), 1e-12);
        assertTrue(NasiconComposition.parse("Na3LaZr(PO4)2SiO4").latticeScale() > NasiconComposition.parse("NaZr2(PO4)3").latticeScale());
        assertTrue(NasiconComposition.parse("MgZr(SO4)3").latticeScale() < 1);
    }
}
