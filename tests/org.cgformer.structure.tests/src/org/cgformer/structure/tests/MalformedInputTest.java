package org.cgformer.structure.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import org.cgformer.structure.api.StructureFormatException;
import org.cgformer.structure.io.internal.CifReader;
import org.cgformer.structure.io.internal.PoscarReader;
import org.junit.jupiter.api.Test;

/** Broken files give one message naming the file and the line, never another exception. */
class MalformedInputTest {

    private static final String GOOD = "data_NaCl\n" + CifReaderTest.CELL + "_symmetry_space_group_name_H-M 'F m -3 m'\n"
            + "loop_\n_atom_site_label\n_atom_site_type_symbol\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\n"
            + "_atom_site_occupancy\nNa1 Na+ 0 0 0 1\nCl1 Cl- 0.5 0.5 0.5 1\n";
    /** file:line: message. */
    private static final Pattern LOCATED = Pattern.compile("(?s)[^:]+\\.cif:[1-9]\\d*: .+");

    private final CifReader reader = new CifReader();

    private StructureFormatException refused(String cif) {
        return assertThrows(StructureFormatException.class, () -> reader.read("bad.cif", cif));
    }

    @Test
    void rejectsTruncatedFileAtTheAtomSiteLoop() {
        String truncated = GOOD.substring(0, GOOD.indexOf("Na1 Na+"));
        StructureFormatException e = refused(truncated);
        assertEquals("bad.cif:12: the atom-site loop has no rows", e.getMessage());
    }

    @Test
    void rejectsBadNumberQuotingIt() {
        StructureFormatException e = refused(GOOD.replace("0.5 0.5 0.5 1", "0.5 0.5x 0.5 1"));
        assertEquals("bad.cif:17: _atom_site_fract_y '0.5x' is not a number", e.getMessage());
    }

    @Test
    void rejectsUnknownElement() {
        StructureFormatException e = refused(GOOD.replace("Cl1 Cl-", "Xq1 Xq"));
        assertEquals("bad.cif:17: unknown element 'Xq' in 'Xq'", e.getMessage());
    }

    @Test
    void rejectsSymmetryOperationThatDoesNotParse() {
        StructureFormatException e = refused(GOOD.replace("_symmetry_space_group_name_H-M 'F m -3 m'",
                "loop_\n_symmetry_equiv_pos_as_xyz\nx,y,z\n'x,y,q+1/2'"));
        assertTrue(e.getMessage().startsWith("bad.cif:11: symmetry operation 'x,y,q+1/2'"), e.getMessage());
    }

    @Test
    void rejectsEmptyLoop() {
        StructureFormatException e = refused("data_e\n" + CifReaderTest.CELL
                + "loop_\n_atom_site_label\n_atom_site_fract_x\n_atom_site_fract_y\n_atom_site_fract_z\n");
        assertEquals("bad.cif:10: the atom-site loop has no rows", e.getMessage());
    }

    @Test
    void rejectsBinaryJunk() {
        byte[] junk = new byte[400];
        new Random(7).nextBytes(junk);
        StructureFormatException e = assertThrows(StructureFormatException.class,
                () -> reader.read("junk.cif", new String(junk, java.nio.charset.StandardCharsets.ISO_8859_1)));
        assertTrue(e.getMessage().matches("junk\\.cif:\\d+: binary data .*"), e.getMessage());
    }

    @Test
    void rejectsFileWithoutAnyStructure() {
        assertEquals("bad.cif:1: no data_ block: this is not a CIF file", refused("just text\n").getMessage());
    }

    @Test
    void rejectsBrokenPoscarNamingTheLine() {
        String poscar = "NaCl\n1.0\n5.6 0 0\n0 5.6 0\n0 0 5.6\nNa Cl\n1 1\nDirect\n0 0 0\n0.5 0.5\n";
        StructureFormatException e = assertThrows(StructureFormatException.class, () -> new PoscarReader().read("POSCAR", poscar));
        assertEquals("POSCAR:10: coordinates of site 2: expected 3 numbers, found '0.5 0.5'", e.getMessage());
    }

    /**
     * Mutated copies of real CIFs (characters deleted, duplicated, replaced, lines dropped or cut)
     * are either read or refused with a located message; nothing else may come out.
     */
    @Test
    void mutatedCifsAreReadOrRefusedWithFileAndLine() throws Exception {
        List<Path> files = SharedData.files(SharedData.codCommon(), ".cif");
        Random random = new Random(20240603);
        int refusedCount = 0;
        for (int trial = 0; trial < 3000; trial++) {
            Path file = files.get(random.nextInt(files.size()));
            String mutated = mutate(Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1), random);
            try {
                reader.read("fuzz.cif", mutated);
            } catch (StructureFormatException e) {
                refusedCount++;
                if (!LOCATED.matcher(e.getMessage()).matches()) {
                    fail("message without file and line for a mutation of " + file + ": " + e.getMessage());
                }
            } catch (RuntimeException e) {
                throw new AssertionError("unexpected " + e + " for a mutation of " + file, e);
            }
        }
        System.out.println("fuzz: 3000 mutated CIFs, " + refusedCount + " refused with file:line messages, the rest read");
        assertTrue(refusedCount > 100, "mutations too gentle: " + refusedCount);
    }

    /** Values no cell length, angle, coordinate or occupancy should hold: huge, tiny, not a number, negative, zero. */
    private static final List<String> EXTREMES = List.of("1e308", "-1e308", "1e999", "1e200", "1e15", "4.9e-324", "1e-300",
            "0.0001", "1e-9", "NaN", "Infinity", "-5.64", "-1", "0", "-0", "0.0", "180", "360", "1e-4", "179.9999", "90.00001");
    /** file:line: message for the POSCAR reader. */
    private static final Pattern LOCATED_POSCAR = Pattern.compile("(?s)POSCAR:[1-9]\\d*: .+");

    /**
     * Every cell length, cell angle, coordinate and occupancy of a CIF, and every lattice number, scaling
     * factor and coordinate of a POSCAR, replaced by each extreme value: the file is either refused with a
     * located message, or read into a structure whose lattice, volume, density and coordinates are finite,
     * with at least {@code MINIMUM_VOLUME_PER_ATOM} per atom, and quickly (no neighbour search over a
     * collapsed cell).
     */
    @Test
    void extremeLatticeAndCoordinateValuesAreReadOrRefusedWithFileAndLine() throws Exception {
        String[] cifFields = {"_cell_length_a 5.64(2)", "_cell_length_b 5.64", "_cell_length_c 5.64", "_cell_angle_alpha 90",
            "_cell_angle_beta 90.0(1)", "_cell_angle_gamma 90", "Na1 Na+ 0 0 0 1", "Cl1 Cl- 0.5 0.5 0.5 1"};
        String p1 = GOOD.replace("_symmetry_space_group_name_H-M 'F m -3 m'", "loop_\n_symmetry_equiv_pos_as_xyz\nx,y,z");
        int cases = 0;
        int refusedCount = 0;
        long start = System.nanoTime();
        for (String base : List.of(GOOD, p1)) {
            for (String field : cifFields) {
                for (String value : EXTREMES) {
                    for (String variant : cifVariants(field, value)) {
                        cases++;
                        refusedCount += readOrRefused(() -> reader.read("extreme.cif", base.replace(field, variant)), LOCATED,
                                field + " -> " + variant) ? 0 : 1;
                    }
                }
            }
        }
        String poscar = "NaCl\n1.0\n5.64 0 0\n0 5.64 0\n0 0 5.64\nNa Cl\n1 1\n%s\n0 0 0\n0.5 0.5 0.5\n";
        PoscarReader poscarReader = new PoscarReader();
        for (String mode : List.of("Direct", "Cartesian")) {
            String text = String.format(poscar, mode);
            String[] lines = text.split("\n", -1);
            for (int line : new int[] {1, 2, 3, 4, 8, 9}) {
                String[] fields = lines[line].split(" ");
                for (int f = 0; f < fields.length; f++) {
                    for (String value : EXTREMES) {
                        String[] changed = lines.clone();
                        String[] changedFields = fields.clone();
                        changedFields[f] = value;
                        changed[line] = String.join(" ", changedFields);
                        cases++;
                        refusedCount += readOrRefused(() -> poscarReader.read("POSCAR", String.join("\n", changed)),
                                LOCATED_POSCAR, "POSCAR line " + (line + 1) + " -> " + changed[line]) ? 0 : 1;
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("extremes: %d files with extreme lattice/coordinate values, %d refused with file:line messages, "
                + "the rest read (%.1f s)%n", cases, refusedCount, seconds);
        assertTrue(refusedCount > cases / 3, "extremes too gentle: " + refusedCount + " of " + cases);
        assertTrue(seconds < 60, "reading the extremes took " + seconds + " s");
    }

    /** The value in each numeric field of a CIF line (a tag line has one, a site row four). */
    private static List<String> cifVariants(String field, String value) {
        String[] parts = field.split(" ");
        List<String> variants = new java.util.ArrayList<>();
        int first = field.startsWith("_") ? 1 : 2;
        for (int i = first; i < parts.length; i++) {
            String[] changed = parts.clone();
            changed[i] = value;
            variants.add(String.join(" ", changed));
        }
        return variants;
    }

    /** True when read into a sane structure, false when refused with a located message; anything else fails. */
    private static boolean readOrRefused(org.junit.jupiter.api.function.ThrowingSupplier<org.cgformer.structure.api.ReadResult> read,
            Pattern located, String what) {
        org.cgformer.structure.api.ReadResult result;
        try {
            result = read.get();
        } catch (StructureFormatException e) {
            if (!located.matcher(e.getMessage()).matches()) {
                fail("message without file and line for " + what + ": " + e.getMessage());
            }
            return false;
        } catch (Throwable e) {
            throw new AssertionError("unexpected " + e + " for " + what, e);
        }
        for (org.cgformer.structure.api.ReadResult.NamedStructure named : result.structures()) {
            org.cgformer.structure.api.Structure s = named.structure();
            for (double v : s.lattice().parameters()) {
                assertTrue(Double.isFinite(v) && v > 0, what + ": lattice " + s.lattice());
            }
            assertTrue(Double.isFinite(s.volume()) && Double.isFinite(s.density()), what + ": volume " + s.volume());
            assertTrue(s.volume() / s.composition().numberOfAtoms()
                    >= org.cgformer.structure.io.internal.StructureChecks.MINIMUM_VOLUME_PER_ATOM, what + ": volume " + s.volume());
            for (org.cgformer.structure.api.Site site : s.sites()) {
                for (double c : site.fracCoords()) {
                    assertTrue(Double.isFinite(c), what + ": site " + site);
                }
            }
        }
        return true;
    }

    private static String mutate(String text, Random random) {
        StringBuilder s = new StringBuilder(text);
        int edits = 1 + random.nextInt(6);
        for (int e = 0; e < edits && s.length() > 2; e++) {
            int at = random.nextInt(s.length());
            switch (random.nextInt(6)) {
                case 0 -> s.deleteCharAt(at);
                case 1 -> s.insert(at, "'\";_#[{x?.()-0123456789".charAt(random.nextInt(23)));
                case 2 -> s.setCharAt(at, (char) (32 + random.nextInt(95)));
                case 3 -> s.setLength(at);
                case 4 -> {
                    int end = s.indexOf("\n", at);
                    s.delete(at, end < 0 ? s.length() : end);
                }
                default -> s.insert(at, s.substring(at, Math.min(s.length(), at + random.nextInt(40))));
            }
        }
        return s.toString();
    }
}
