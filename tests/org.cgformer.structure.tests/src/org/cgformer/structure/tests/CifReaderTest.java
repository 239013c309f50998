package org.cgformer.structure.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cgformer.structure.api.ReadResult;
import org.cgformer.structure.api.Site;
import org.cgformer.structure.api.Species;
import org.cgformer.structure.api.Structure;
import org.cgformer.structure.io.internal.CifReader;
import org.cgformer.structure.io.internal.SpaceGroupTable;
import org.junit.jupiter.api.Test;

/** CIF syntax and the structure rules, one feature at a time. */
class CifReaderTest {

    static final String CELL = """
            _cell_length_a 5.64(2)
            _cell_length_b 5.64
            _cell_length_c 5.64
            _cell_angle_alpha 90
            _cell_angle_beta 90.0(1)
            _cell_angle_gamma 90
            """;

    private final CifReader reader = new CifReader();

    private Structure read(String cif) throws Exception {
        return reader.read("test.cif", cif).structure();
    }

    @Test
    void readsRockSaltFromHermannMauguinSymbolAlone() throws Exception {
        Structure s = read("data_NaCl\n" + CELL + "_symmetry_space_group_name_H-M 'F m -3 m'\n"
                + "loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\n"
                + "Na1 0 0 0\nCl1 0.5 0.5 0.5\n");
        assertEquals(8, s.size());
        assertEquals("NaCl", s.reducedFormula());
        assertEquals(5.64, s.lattice().a(), 1e-12, "uncertainty (2) dropped");
    }

    /** LF, CR LF and old Mac CR files read alike, and an error names the same line in each. */
    @Test
    void readsEveryLineEnding() throws Exception {
        String lf = "data_NaCl\n" + CELL + "_symmetry_space_group_name_H-M 'F m -3 m'\n"
                + "loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\n"
                + "Na1 0 0 0\nCl1 0.5 0.5 0.5\n";
        Structure expected = read(lf);
        for (String ending : new String[] {"\r\n", "\r"}) {
            Structure s = read(lf.replace("\n", ending));
            assertEquals(expected.size(), s.size());
            assertEquals(expected.lattice().a(), s.lattice().a());
            assertEquals(expected.site(1).x(), s.site(1).x());
        }
        String broken = lf.replace("Cl1 0.5 0.5 0.5", "Cl1 0.5 x 0.5");
        int line = org.junit.jupiter.api.Assertions.assertThrows(org.cgformer.structure.api.StructureFormatException.class,
                () -> read(broken)).line();
        assertEquals(15, line, "the line of 'Cl1 0.5 x 0.5'");
        for (String ending : new String[] {"\r\n", "\r"}) {
            assertEquals(line, org.junit.jupiter.api.Assertions.assertThrows(org.cgformer.structure.api.StructureFormatException.class,
                    () -> read(broken.replace("\n", ending))).line(), "line endings " + ending.replace("\r", "CR").replace("\n", "LF"));
        }
    }

    /** Every form of CIF number: sign, no integer part, no fraction, exponent, standard uncertainty. */
    @Test
    void readsEveryNumberForm() throws Exception {
        String[] forms = {"+0.25", "-.5", "2.", "0.1e1", "-2.5E-1(3)", "0.125(4)", "3"};
        double[] values = {0.25, -0.5, 2, 1, -0.25, 0.125, 3};
        for (int i = 0; i < forms.length; i++) {
            Structure s = read("data_n\n" + CELL + "loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n"
                    + "_atom_site_fract_z\nNa1 " + forms[i] + " 0 0\n");
            assertEquals(values[i] - Math.floor(values[i]), s.site(0).x(), 1e-15, forms[i]);
        }
        for (String bad : new String[] {".", "-", "1.2.3", "1-2", "0x1"}) {
            org.junit.jupiter.api.Assertions.assertThrows(org.cgformer.structure.api.StructureFormatException.class,
                    () -> read("data_n\n" + CELL + "loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n"
                            + "_atom_site_fract_z\nNa1 " + bad + " 0 0\n"), bad);
        }
    }

    @Test
    void readsBothSymmetryOperationTags() throws Exception {
        String sites = "loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\nNa1 0.1 0.2 0.3\n";
        Structure old = read("data_a\n" + CELL + "loop_\n_symmetry_equiv_pos_as_xyz\n'x, y, z'\n'-x, -y, -z'\n" + sites);
        Structure newer = read("data_a\n" + CELL + "loop_\n_space_group_symop.id\n_space_group_symop.operation_xyz\n"
                + "1 x,y,z\n2 -x+1/2,-y,z+0.5\n" + sites);
        assertEquals(2, old.size());
        assertEquals(2, newer.size());
        assertEquals(0.4, newer.site(1).x(), 1e-12);
    }

    @Test
    void readsPartialOccupancyAsMixedSite() throws Exception {
        Structure s = read("data_m\n" + CELL + "loop_\n_atom_site_label\n_atom_site_type_symbol\n_atom_site_fract_x\n"
                + "_atom_site_fract_y\n_atom_site_fract_z\n_atom_site_occupancy\n"
                + "Zr1 Zr4+ 0 0 0 0.6\nHf1 Hf4+ 0 0 0 0.4\nO1 O2- 0.5 0.5 0.5 1\nNa1 Na+ 0.25 0.25 0.25 0.5(1)\n");
        assertEquals(3, s.size());
        Site mixed = s.site(0);
        assertEquals(0.6, mixed.occupancies().get(Species.parse("Zr4+")), 1e-12);
        assertEquals(0.4, mixed.occupancies().get(Species.parse("Hf4+")), 1e-12);
        assertEquals(0.5, s.composition().amount("Na"), 1e-12);
        assertFalse(s.isOrdered());
    }

    @Test
    void takesOxidationStatesFromAtomTypeLoop() throws Exception {
        Structure s = read("data_o\n" + CELL + "loop_\n_atom_type_symbol\n_atom_type_oxidation_number\nNa1 1\nCl1 -1\n"
                + "loop_\n_atom_site_label\n_atom_site_type_symbol\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\n"
                + "Na Na1 0 0 0\nCl Cl1 0.5 0.5 0.5\n");
        assertEquals(Species.parse("Na+"), s.site(0).majoritySpecies());
        assertEquals(Species.parse("Cl-"), s.site(1).majoritySpecies());
    }

    @Test
    void readsQuotedMultiLineAndCif2Values() throws Exception {
        ReadResult r = reader.read("q.cif", "#\\#CIF_2.0\ndata_q\n_publ_section_title\n;\nA title\nover lines; with 'quotes'\n;\n"
                + "_chemical_name_common '''Rock\nsalt'''\n_journal_coden [1 2 {'a':3}]\n" + CELL
                + "_symmetry_space_group_name_H-M \"P 1\"\nloop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n"
                + "_atom_site_fract_z\n'Na 1' 0 0 0 # comment\n");
        assertEquals(1, r.structure().size());
        assertEquals("Na 1", r.structure().site(0).label());
        assertEquals("P 1", r.first().spaceGroupAsGiven());
    }

    @Test
    void readsEveryDataBlockAndSkipsBadOnes() throws Exception {
        String site = "loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\nNa1 0 0 0\n";
        ReadResult r = reader.read("blocks.cif", "data_one\n" + CELL + site + "data_broken\n_cell_length_a 3\n" + "data_two\n" + CELL + site);
        assertEquals(2, r.structures().size());
        assertEquals("two", r.structures().get(1).name());
        assertTrue(r.issues().stream().anyMatch(i -> i.toString().startsWith("blocks.cif:14: data_broken has no _cell_length_b")),
                r.issues().toString());
    }

    @Test
    void warnsWhenLabelIsReinterpreted() throws Exception {
        ReadResult r = reader.read("w.cif", "data_w\n" + CELL + "loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n"
                + "_atom_site_fract_z\nCA1 0 0 0\nOw2 0.5 0.5 0.5\n");
        assertEquals("CaO", r.structure().reducedFormula());
        assertTrue(r.issues().stream().anyMatch(i -> i.message().equals("'CA1' read as Ca")), r.issues().toString());
    }

    @Test
    void mergesCoincidentSymmetryCopies() throws Exception {
        // a site on the mirror of P m: x, y, 0 and its copy x, y, -0 (= 0.00004 after rounding) are one site
        Structure s = read("data_p\n" + CELL + "loop_\n_symmetry_equiv_pos_as_xyz\nx,y,z\nx,y,-z\n"
                + "loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\nNa1 0.1 0.2 0.00002\nCl1 0.1 0.2 0.3\n");
        assertEquals(3, s.size());
    }

    @Test
    void rhombohedralCellUsesRhombohedralOperations() throws Exception {
        String cif = "data_r\n_cell_length_a 6.69\n_cell_length_b 6.69\n_cell_length_c 6.69\n_cell_angle_alpha 52.3\n"
                + "_cell_angle_beta 52.3\n_cell_angle_gamma 52.3\n_symmetry_space_group_name_H-M 'R -3'\n"
                + "loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\n"
                + "Fe 0.3333 0.3333 0.3333\nCl -0.256 0.41 0.077\n";
        assertEquals("Fe2 Cl6", read(cif).formula());
    }

    @Test
    void everySpaceGroupHasTheOrderOfItsPointGroupTimesCentring() {
        for (SpaceGroupTable.Entry entry : SpaceGroupTable.entries()) {
            int centring = entry.setting().equals("R") ? 1 : switch (entry.symbol().charAt(0)) {
                case 'P' -> 1;
                case 'A', 'B', 'C', 'I' -> 2;
                case 'R' -> 3;
                default -> 4;
            };
            assertEquals(pointGroupOrder(entry.number()) * centring, entry.order(), entry.toString());
        }
        assertEquals(282, SpaceGroupTable.entries().size());
    }

    /** CELL doubled: 192 sites of a general position need more than 1 cubic Angstrom each (the readers' minimum). */
    private static final String LARGE_CELL = CELL.replace("5.64", "11.28");

    @Test
    void generalPositionOfEverySpaceGroupExpandsToItsOrder() throws Exception {
        for (SpaceGroupTable.Entry entry : SpaceGroupTable.entries()) {
            if (!entry.setting().isEmpty()) {
                continue;
            }
            Structure s = read("data_g\n" + LARGE_CELL.replace("_cell_angle_gamma 90", entry.number() >= 143 && entry.number() <= 194
                    || entry.symbol().startsWith("R") ? "_cell_angle_gamma 120" : "_cell_angle_gamma 90")
                    + "_symmetry_Int_Tables_number " + entry.number() + "\n"
                    + "loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\nNa1 0.0123 0.0456 0.0789\n");
            assertEquals(entry.order(), s.size(), entry.toString());
        }
    }

    @Test
    void understandsCommonWaysOfWritingSymbols() throws Exception {
        String sites = "loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\nNa1 0.0123 0.0456 0.0789\n";
        String[][] cases = {{"P 1 21/c 1", "4"}, {"P 21/b 21/c 21/a", "8"}, {"P 42/m 21/n 2/m", "16"}, {"Fm3m", "192"},
            {"F d -3 m :2", "192"}, {"P 4/n m m", "16"}, {"C m c a", "16"}, {"P b n m", "8"}, {"R -3 m :H", "36"}};
        for (String[] c : cases) {
            Structure s = read("data_s\n" + LARGE_CELL + "_symmetry_space_group_name_H-M '" + c[0] + "'\n" + sites);
            assertEquals(Integer.parseInt(c[1]), s.size(), c[0]);
        }
    }

    private static int pointGroupOrder(int n) {
        int[][] ranges = {{1, 1}, {2, 2}, {9, 2}, {15, 4}, {24, 4}, {46, 4}, {74, 8}, {82, 4}, {88, 8}, {122, 8}, {142, 16},
            {146, 3}, {148, 6}, {161, 6}, {167, 12}, {174, 6}, {190, 12}, {194, 24}, {199, 12}, {220, 24}, {230, 48}};
        for (int[] range : ranges) {
            if (n <= range[0]) {
                return range[1];
            }
        }
        throw new IllegalArgumentException("no space group " + n);
    }
}
