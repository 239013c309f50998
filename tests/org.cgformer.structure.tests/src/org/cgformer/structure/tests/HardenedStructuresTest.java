package org.cgformer.structure.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.cgformer.structure.api.Composition;
import org.cgformer.structure.api.Lattice;
import org.cgformer.structure.api.ParseIssue;
import org.cgformer.structure.api.ReadResult;
import org.cgformer.structure.api.Site;
import org.cgformer.structure.api.Species;
import org.cgformer.structure.api.Structure;
import org.cgformer.structure.api.StructureException;
import org.cgformer.structure.api.StructureFormatException;
import org.cgformer.structure.api.StructureReader.Strictness;
import org.cgformer.structure.io.internal.CifReader;
import org.cgformer.structure.io.internal.PoscarReader;
import org.cgformer.structure.io.internal.StructureChecks;
import org.junit.jupiter.api.Test;

/**
 * Lattices and sites that cannot be physical: refused by the model and the readers with located
 * messages, or (overlapping sites) reported as a warning that strict reading turns into an error.
 */
class HardenedStructuresTest {

    /** Rock salt in P 1 (operations listed, so reading it records no warning): Na1 on line 18, Cl1 on line 19. */
    private static final String P1_HEAD = "data_p\n" + CifReaderTest.CELL + "loop_\n_symmetry_equiv_pos_as_xyz\nx,y,z\n"
            + "loop_\n_atom_site_label\n_atom_site_type_symbol\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\n"
            + "_atom_site_occupancy\n";
    private static final String ROCK_SALT_P1 = P1_HEAD + "Na1 Na+ 0 0 0 1\nCl1 Cl- 0.5 0.5 0.5 1\n";

    private final CifReader cif = new CifReader();
    private final PoscarReader poscar = new PoscarReader();

    private StructureFormatException refusedCif(String text) {
        return assertThrows(StructureFormatException.class, () -> cif.read("probe.cif", text));
    }

    // ---- the model ------------------------------------------------------------------------------

    @Test
    void latticeRefusesLengthsWhoseVolumeIsNotFinite() {
        StructureException e = assertThrows(StructureException.class, () -> Lattice.fromParameters(1e308, 5.64, 5.64, 90, 90, 90));
        assertTrue(e.getMessage().contains("a=1.0E308") && e.getMessage().contains("not a finite number"), e.getMessage());
        assertThrows(StructureException.class, () -> Lattice.of(new double[][] {{1e308, 0, 0}, {0, 1e10, 0}, {0, 0, 5}}));
        assertThrows(StructureException.class, () -> Lattice.fromParameters(Double.NaN, 5, 5, 90, 90, 90));
        assertThrows(StructureException.class, () -> Lattice.fromParameters(5, 5, 5, 90, Double.NaN, 90));
        assertThrows(StructureException.class, () -> Lattice.cubic(Double.POSITIVE_INFINITY));
    }

    @Test
    void latticeRefusesAnglesThatCannotFormACell() {
        StructureException e = assertThrows(StructureException.class, () -> Lattice.fromParameters(5, 5, 5, 30, 30, 90));
        assertTrue(e.getMessage().contains("cannot form a cell") && e.getMessage().contains("gamma=90"), e.getMessage());
        assertThrows(StructureException.class, () -> Lattice.fromParameters(5, 5, 5, 150, 150, 150));
    }

    @Test
    void latticeRefusesNearlyFlatCells() {
        StructureException e = assertThrows(StructureException.class,
                () -> Lattice.of(new double[][] {{5, 0, 0}, {0, 5, 0}, {5, 5, 0.001}}));
        assertTrue(e.getMessage().contains("nearly flat"), e.getMessage());
        assertThrows(StructureException.class, () -> Lattice.fromParameters(5, 5, 5, 119.99999, 119.99999, 119.99999));
        // sharp but real: a rhombohedral cell with alpha = 20 degrees, and its reciprocal
        Lattice sharp = Lattice.fromParameters(5, 5, 5, 20, 20, 20);
        assertEquals(0.102, sharp.normalizedVolume(), 1e-3);
        assertTrue(sharp.reciprocalLattice().volume() > 0);
        assertEquals(1, Lattice.cubic(4).normalizedVolume(), 1e-12);
    }

    @Test
    void supercellsAndScaledLatticesStayValid() {
        Structure s = Structure.builder(Lattice.fromParameters(4, 5, 6, 70, 100, 115))
                .addSite("Na1", Species.of("Na"), 0.1, 0.2, 0.3).build().supercell(3, 2, 4);
        assertEquals(24, s.size());
        assertEquals(Lattice.fromParameters(4, 5, 6, 70, 100, 115).volume() * 24, s.volume(), 1e-9);
    }

    @Test
    void formulasAreRoundedForDisplayOnly() {
        Composition c = Composition.of("Na", 18.000006, "Zr", 12, "O", 2.0 / 3);
        assertEquals("Na18 Zr12 O0.6667", c.formula());
        assertEquals(18.000006, c.amount("Na"), 0, "amounts keep their exact values");
        assertEquals("Na3Zr2", Composition.of("Na", 18.000006, "Zr", 12).reducedFormula());
        assertEquals("NaZr1.5", Composition.of("Na", 1.000004, "Zr", 1.5).reducedFormula());
        assertEquals("Na0.00001234Cl", Composition.of("Na", 1.234e-5, "Cl", 1).reducedFormula());
        assertEquals("Na3Zr2Si2PO12", Composition.parse(Composition.parse("Na3Zr2Si2PO12").reducedFormula()).reducedFormula());
    }

    // ---- the readers: lattices ------------------------------------------------------------------

    @Test
    void cifWithCellLengthTooLargeForAFiniteVolumeIsRefusedAtTheCell() {
        StructureFormatException e = refusedCif(ROCK_SALT_P1.replace("_cell_length_a 5.64(2)", "_cell_length_a 1e308"));
        assertTrue(e.getMessage().startsWith("probe.cif:2: cell a=1.0E308 "), e.getMessage());
        assertTrue(e.getMessage().contains("volume Infinity cubic Angstrom is not a finite number"), e.getMessage());
    }

    @Test
    void cifWithTooLittleVolumePerAtomIsRefusedAtTheCell() {
        StructureFormatException e = refusedCif(ROCK_SALT_P1.replace("_cell_length_a 5.64(2)", "_cell_length_a 0.0001"));
        assertTrue(e.getMessage().startsWith("probe.cif:2: cell volume 0.003181 cubic Angstrom for 2 atoms is 0.00159 "
                + "per atom, below the minimum 1"), e.getMessage());
    }

    @Test
    void cifWithImpossibleAnglesOrNumbersIsRefusedAtTheLine() {
        StructureFormatException angles = refusedCif(ROCK_SALT_P1.replace("_cell_angle_alpha 90", "_cell_angle_alpha 10")
                .replace("_cell_angle_beta 90.0(1)", "_cell_angle_beta 10"));
        assertTrue(angles.getMessage().startsWith("probe.cif:2: ") && angles.getMessage().contains("cannot form a cell"),
                angles.getMessage());
        StructureFormatException coordinate = refusedCif(ROCK_SALT_P1.replace("Na1 Na+ 0 0 0 1", "Na1 Na+ 1e999 0 0 1"));
        assertEquals("probe.cif:18: _atom_site_fract_x '1e999' is not a finite number", coordinate.getMessage());
        StructureFormatException occupancy = refusedCif(ROCK_SALT_P1.replace("Na1 Na+ 0 0 0 1", "Na1 Na+ 0 0 0 1e400"));
        assertEquals("probe.cif:18: _atom_site_occupancy '1e400' is not a finite number", occupancy.getMessage());
    }

    @Test
    void poscarWithImpossibleLatticeIsRefusedAtTheLine() {
        String good = "NaCl\n1.0\n5.64 0 0\n0 5.64 0\n0 0 5.64\nNa Cl\n1 1\nDirect\n0 0 0\n0.5 0.5 0.5\n";
        StructureFormatException huge = assertThrows(StructureFormatException.class,
                () -> poscar.read("POSCAR", good.replace("5.64 0 0", "1e308 0 0")));
        assertTrue(huge.getMessage().startsWith("POSCAR:3: lattice ") && huge.getMessage().contains("not a finite number"),
                huge.getMessage());
        StructureFormatException tiny = assertThrows(StructureFormatException.class,
                () -> poscar.read("POSCAR", good.replace("5.64 0 0", "0.0001 0 0")));
        assertTrue(tiny.getMessage().startsWith("POSCAR:3: cell volume "), tiny.getMessage());
        StructureFormatException scale = assertThrows(StructureFormatException.class,
                () -> poscar.read("POSCAR", good.replace("\n1.0\n", "\n0\n")));
        assertTrue(scale.getMessage().startsWith("POSCAR:2: scaling factor 0.0: "), scale.getMessage());
        StructureFormatException flat = assertThrows(StructureFormatException.class,
                () -> poscar.read("POSCAR", good.replace("0 0 5.64", "5.64 5.64 0.001")));
        assertTrue(flat.getMessage().startsWith("POSCAR:3: ") && flat.getMessage().contains("nearly flat"), flat.getMessage());
    }

    // ---- the readers: overlapping sites ---------------------------------------------------------

    @Test
    void sitesTooCloseGiveAWarningAndAStrictRefusal() throws Exception {
        // 0.1 Angstrom apart along a = 5.64
        String close = P1_HEAD + "Na1 Na+ 0 0 0 1\nCl1 Cl- 0.017730 0 0 1\n";
        ReadResult read = cif.read("probe.cif", close);
        assertEquals(2, read.structure().size(), "lenient reading keeps the sites");
        assertEquals(1, read.issues().size(), read.issues().toString());
        String warning = read.issues().get(0).toString();
        assertTrue(warning.startsWith("probe.cif:18: warning: data_p: 1 pair of sites closer than 0.5 Angstrom with "
                + "occupancies summing above 1: 'Na1' (0.0000, 0.0000, 0.0000) and 'Cl1' (0.0177, 0.0000, 0.0000) 0.100 Angstrom apart "
                + "(occupancies 1 + 1)"),
                warning);
        StructureFormatException strict = assertThrows(StructureFormatException.class,
                () -> cif.read("probe.cif", close, Strictness.STRICT));
        assertEquals(warning.replace("warning: ", ""), strict.getMessage());
        assertEquals(ParseIssue.Severity.ERROR, strict.issues().get(0).severity());
    }

    @Test
    void sitesCloseAcrossTheCellBoundaryAreFound() throws Exception {
        ReadResult read = cif.read("probe.cif", P1_HEAD + "Na1 Na+ 0.99 0 0 1\nCl1 Cl- 0.005 0 0 1\n");
        assertEquals(1, read.issues().size(), read.issues().toString());
        assertTrue(read.issues().get(0).message().contains("0.085 Angstrom apart"),
                read.issues().toString());
    }

    @Test
    void poscarSitesTooCloseGiveAWarningAtTheSiteLine() throws Exception {
        String text = "NaCl\n1.0\n5.64 0 0\n0 5.64 0\n0 0 5.64\nNa Cl\n1 1\nDirect\n0.5 0.5 0.5\n0.5 0.5 0.5\n";
        ReadResult read = poscar.read("POSCAR", text);
        assertEquals(1, read.issues().size(), read.issues().toString());
        assertTrue(read.issues().get(0).toString().startsWith("POSCAR:9: warning: 1 pair of sites closer than 0.5 Angstrom"),
                read.issues().toString());
        assertTrue(read.issues().get(0).message().contains(" 0.000 Angstrom apart"), read.issues().toString());
        assertThrows(StructureFormatException.class, () -> poscar.read("POSCAR", text, Strictness.STRICT));
    }

    @Test
    void disorderedSitesSharingOrSplittingAPositionDoNotWarn() throws Exception {
        // Zr/Hf sharing a position, and Na split over two positions 0.28 Angstrom apart, half occupied each
        ReadResult read = cif.read("probe.cif", P1_HEAD + "Zr1 Zr4+ 0 0 0 0.6\nHf1 Hf4+ 0 0 0 0.4\nO1 O2- 0.5 0.5 0.5 1\n"
                + "Na1 Na+ 0.25 0.25 0.25 0.5\nNa2 Na+ 0.3 0.25 0.25 0.5\n");
        assertTrue(read.issues().isEmpty(), read.issues().toString());
        cif.read("probe.cif", P1_HEAD + "Na1 Na+ 0.25 0.25 0.25 0.5\nNa2 Na+ 0.3 0.25 0.25 0.5\n", Strictness.STRICT);
        // the model may hold co-located partial sites as separate sites: no overlap either
        Structure separate = Structure.builder(Lattice.cubic(5))
                .addSite("Zr1", new double[] {0, 0, 0}, Map.of(Species.of("Zr"), 0.5))
                .addSite("Hf1", new double[] {0, 0, 0}, Map.of(Species.of("Hf"), 0.5))
                .addSite("O1", Species.of("O"), 0.5, 0.5, 0.5).build();
        assertTrue(StructureChecks.overlappingSites(separate).isEmpty());
        Structure overlapping = separate.withSites(List.of(separate.site(0).withOccupancies(Map.of(Species.of("Zr"), 1.0)),
                separate.site(1), separate.site(2)));
        assertEquals(List.of(new StructureChecks.ClosePair(0, 1, 0)), StructureChecks.overlappingSites(overlapping));
    }

    @Test
    void siteCloserThanThatToItsOwnImageIsAnOverlap() {
        Structure needle = Structure.builder(Lattice.fromParameters(0.3, 20, 20, 90, 90, 90))
                .addSite("Na1", new double[] {0, 0, 0}, Map.of(Species.of("Na"), 0.2)).build();
        List<StructureChecks.ClosePair> pairs = StructureChecks.overlappingSites(needle);
        assertEquals(1, pairs.size());
        assertEquals(0.3, pairs.get(0).distance(), 1e-9);
        assertTrue(StructureChecks.describe(needle, pairs).contains("its own periodic image"));
    }

    @Test
    void largeCellsAreReadAndSearchedForNeighbours() throws Exception {
        // above 1e6 cubic Angstrom the reciprocal cell has less than MINIMUM_VOLUME: it must still be usable
        ReadResult read = cif.read("probe.cif", ROCK_SALT_P1.replace("5.64", "250"));
        assertTrue(read.issues().isEmpty(), read.issues().toString());
        assertEquals(250 * 250 * 250, read.structure().volume(), 1e-6);
        assertEquals(1, org.cgformer.structure.api.NeighbourList.of(read.structure(), 250).count(0) > 0 ? 1 : 0);
    }

    /** The COD set: no file is refused for its volume per atom; files with overlapping sites are listed. */
    @Test
    void codSetIsNotRefusedByTheNewChecks() throws Exception {
        int overlapping = 0;
        int files = 0;
        for (java.nio.file.Path file : SharedData.files(SharedData.codCommon(), ".cif")) {
            files++;
            try {
                ReadResult read = cif.read(file);
                for (ParseIssue issue : read.issues()) {
                    if (issue.message().contains("pairs of sites closer than") || issue.message().contains("pair of sites closer than")) {
                        overlapping++;
                        System.out.println("  overlap: " + issue);
                    }
                }
            } catch (StructureFormatException e) {
                assertTrue(!e.getMessage().contains("per atom, below the minimum"), e.getMessage());
            }
        }
        System.out.println("overlap check: " + overlapping + " warnings in " + files + " COD files");
    }

    @Test
    void ordinaryStructurePassesBothChecks() {
        Structure s = Structure.builder(Lattice.cubic(5.64)).addSite(Site.of("Na", Species.of("Na"), 0, 0, 0))
                .addSite(Site.of("Cl", Species.of("Cl"), 0.5, 0, 0)).build();
        assertTrue(StructureChecks.overlappingSites(s).isEmpty());
        assertEquals(null, StructureChecks.volumePerAtomProblem(s));
    }
}
