package org.cgformer.structure.io.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.cgformer.structure.api.Element;
import org.cgformer.structure.api.Lattice;
import org.cgformer.structure.api.ParseIssue;
import org.cgformer.structure.api.ReadResult;
import org.cgformer.structure.api.ReadResult.NamedStructure;
import org.cgformer.structure.api.Site;
import org.cgformer.structure.api.Species;
import org.cgformer.structure.api.Structure;
import org.cgformer.structure.api.StructureException;
import org.cgformer.structure.api.StructureFormatException;
import org.cgformer.structure.api.StructureReader;

/**
 * Reads VASP POSCAR and CONTCAR files (VASP 5, with the species line; VASP 4 files are read when
 * the comment line names the species, as pymatgen does). Selective-dynamics flags and anything
 * after the coordinates (velocities in a CONTCAR) are ignored.
 */
public class PoscarReader implements StructureReader {

    @Override
    public String formatName() {
        return "POSCAR";
    }

    @Override
    public List<String> extensions() {
        return List.of("vasp", "poscar", "contcar");
    }

    @Override
    public boolean canRead(String fileName) {
        String name = java.nio.file.Path.of(fileName).getFileName().toString().toUpperCase(Locale.ROOT);
        return name.startsWith("POSCAR") || name.startsWith("CONTCAR") || extensions().contains(StructureReader.extension(fileName));
    }

    @Override
    public ReadResult read(String fileName, String content) throws StructureFormatException {
        List<ParseIssue> issues = new ArrayList<>();
        try {
            return new ReadResult(fileName, List.of(new Parse(fileName, content.split("\r\n|\r|\n", -1), issues).structure()),
                    issues);
        } catch (LineException e) {
            throw new StructureFormatException(fileName, e.line, e.getMessage(), issues);
        } catch (StructureException e) {
            throw new StructureFormatException(fileName, 0, e.getMessage(), issues);
        }
    }

    /** A problem on one line (1-based). */
    private static final class LineException extends Exception {
        private static final long serialVersionUID = 1L;
        final int line;

        LineException(int line, String message) {
            super(message);
            this.line = line;
        }
    }

    /** One pass over the lines of a POSCAR. */
    private static final class Parse {
        private final String file;
        private final String[] lines;
        private final List<ParseIssue> issues;
        private int next;

        Parse(String file, String[] lines, List<ParseIssue> issues) {
            this.file = file;
            this.lines = lines;
            this.issues = issues;
        }

        NamedStructure structure() throws LineException {
            String comment = line("the comment line").strip();
            int scaleLine = next + 1;
            double scale = numbers(1, "the scaling factor")[0];
            int latticeLine = next + 1;
            double[][] rows = {numbers(3, "lattice vector a"), numbers(3, "lattice vector b"), numbers(3, "lattice vector c")};
            Lattice given = lattice(rows, latticeLine);
            Lattice lattice = scaled(given, scale, scaleLine);
            List<Element> elements = speciesLine(comment);
            int[] counts = counts(elements.size());
            boolean cartesian = coordinateMode();
            List<Site> sites = new ArrayList<>();
            List<Integer> siteLines = new ArrayList<>();
            int index = 0;
            for (int s = 0; s < elements.size(); s++) {
                for (int n = 0; n < counts[s]; n++) {
                    double[] xyz = numbers(3, "coordinates of site " + (index + 1));
                    double[] frac = cartesian ? lattice.fracCoords(scaleVector(xyz, scaleFactor(given, scale))) : xyz;
                    index++;
                    sites.add(site(elements.get(s).symbol() + index, elements.get(s), frac));
                    siteLines.add(next);
                }
            }
            Structure structure = Structure.of(lattice, sites);
            check(structure, siteLines, latticeLine);
            return new NamedStructure(comment, structure, "not given");
        }

        private Lattice lattice(double[][] rows, int line) throws LineException {
            try {
                return Lattice.of(rows);
            } catch (StructureException e) {
                throw new LineException(line, e.getMessage());
            }
        }

        private Site site(String label, Element element, double[] frac) throws LineException {
            try {
                return Site.of(label, Species.of(element), frac[0], frac[1], frac[2]);
            } catch (StructureException e) {
                throw new LineException(next, e.getMessage());
            }
        }

        /** The readers' sanity checks: too little volume per atom is refused, overlapping sites are a warning. */
        private void check(Structure structure, List<Integer> siteLines, int latticeLine) throws LineException {
            String volume = StructureChecks.volumePerAtomProblem(structure);
            if (volume != null) {
                throw new LineException(latticeLine, volume);
            }
            List<StructureChecks.ClosePair> overlapping = StructureChecks.overlappingSites(structure);
            if (!overlapping.isEmpty()) {
                issues.add(ParseIssue.warning(file, siteLines.get(overlapping.get(0).first()),
                        StructureChecks.describe(structure, overlapping)));
            }
        }

        private String line(String what) throws LineException {
            if (next >= lines.length || (lines[next].isBlank() && next >= lines.length - 1)) {
                throw new LineException(next + 1, "file ends where " + what + " should be");
            }
            return lines[next++];
        }

        private double[] numbers(int count, String what) throws LineException {
            String text = line(what);
            String[] fields = text.strip().split("\\s+");
            if (fields.length < count) {
                throw new LineException(next, what + ": expected " + count + " numbers, found '" + text.strip() + "'");
            }
            double[] values = new double[count];
            for (int i = 0; i < count; i++) {
                try {
                    values[i] = Double.parseDouble(fields[i]);
                } catch (NumberFormatException e) {
                    throw new LineException(next, what + ": '" + fields[i] + "' is not a number");
                }
                if (!Double.isFinite(values[i])) {
                    throw new LineException(next, what + ": '" + fields[i] + "' is not a finite number");
                }
            }
            return values;
        }

        /** A negative scale is the cell volume (VASP's convention). */
        private static Lattice scaled(Lattice lattice, double scale, int line) throws LineException {
            double factor = scaleFactor(lattice, scale);
            double[][] m = lattice.matrix();
            for (double[] row : m) {
                for (int j = 0; j < 3; j++) {
                    row[j] *= factor;
                }
            }
            try {
                return Lattice.of(m);
            } catch (StructureException e) {
                throw new LineException(line, "scaling factor " + scale + ": " + e.getMessage());
            }
        }

        private static double scaleFactor(Lattice lattice, double scale) {
            return scale < 0 ? Math.cbrt(-scale / lattice.volume()) : scale;
        }

        private static double[] scaleVector(double[] v, double factor) {
            return new double[] {v[0] * factor, v[1] * factor, v[2] * factor};
        }

        /** VASP 5 species line; for VASP 4 files the symbols are taken from the comment. */
        private List<Element> speciesLine(String comment) throws LineException {
            String text = line("the species line");
            String[] fields = text.strip().split("\\s+");
            if (fields.length > 0 && fields[0].matches("\\d+")) {
                next--;
                issues.add(ParseIssue.warning(file, next + 1, "no species line (VASP 4 file): species taken from the comment line"));
                return symbols(comment.strip().split("\\s+"), 1);
            }
            return symbols(fields, next);
        }

        private List<Element> symbols(String[] fields, int line) throws LineException {
            List<Element> elements = new ArrayList<>();
            for (String field : fields) {
                // POTCAR names such as Na_pv or Na_pv/3a1b2c name the element before '_' or '/'
                String symbol = field.split("[_/]")[0];
                Optional<Element> element = Element.find(symbol);
                if (element.isEmpty()) {
                    throw new LineException(line, "unknown element '" + field + "' in the species line");
                }
                elements.add(element.get());
            }
            return elements;
        }

        private int[] counts(int species) throws LineException {
            String text = line("the counts line");
            String[] fields = text.strip().split("\\s+");
            if (fields.length < species) {
                throw new LineException(next, species + " species but counts '" + text.strip() + "'");
            }
            int[] counts = new int[species];
            for (int i = 0; i < species; i++) {
                try {
                    counts[i] = Integer.parseInt(fields[i]);
                } catch (NumberFormatException e) {
                    throw new LineException(next, "count '" + fields[i] + "' is not a whole number");
                }
                if (counts[i] < 0) {
                    throw new LineException(next, "count " + counts[i] + " is negative");
                }
            }
            return counts;
        }

        /** Skips "Selective dynamics"; true for Cartesian (C or K), false for Direct. */
        private boolean coordinateMode() throws LineException {
            String mode = line("Direct or Cartesian").strip();
            if (mode.toLowerCase(Locale.ROOT).startsWith("s")) {
                mode = line("Direct or Cartesian").strip();
            }
            char first = mode.isEmpty() ? ' ' : Character.toLowerCase(mode.charAt(0));
            if (first == 'c' || first == 'k') {
                return true;
            }
            if (first != 'd') {
                throw new LineException(next, "expected Direct or Cartesian, found '" + mode + "'");
            }
            return false;
        }
    }
}
