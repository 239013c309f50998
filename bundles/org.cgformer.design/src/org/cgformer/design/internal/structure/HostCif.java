package org.cgformer.design.internal.structure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deliberately small CIF reader for host structures: cell, explicit symmetry operations, atom
 * types with oxidation numbers, atom sites with occupancies, expanded by symmetry into a
 * {@link HostCell}. It exists until the shared CIF reader of the structure bundle is on main;
 * nothing outside this package depends on it, so it can be replaced there.
 */
final class HostCif {

    /** Two images closer than this (fractional, per axis) are one site. */
    static final double SAME_SITE_TOLERANCE = 1e-3;

    private static final Pattern ELEMENT = Pattern.compile("^([A-Z][a-z]?)(\\d*)([+-]?)");

    private final Path file;
    private final Map<String, String> values = new HashMap<>();
    private final List<Map<String, List<String>>> loops = new ArrayList<>();

    private HostCif(Path file) {
        this.file = file;
    }

    static HostCell read(Path file) throws IOException {
        HostCif cif = new HostCif(file);
        cif.parse(Files.readAllLines(file));
        return cif.expand();
    }

    private void parse(List<String> lines) throws IOException {
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i).trim();
            if (line.equals("loop_")) {
                i = parseLoop(lines, i + 1);
                continue;
            }
            if (line.startsWith("_")) {
                List<String> tokens = tokens(line);
                if (tokens.size() >= 2) {
                    values.put(tokens.get(0).toLowerCase(java.util.Locale.ROOT), tokens.get(1));
                }
            }
            i++;
        }
    }

    private int parseLoop(List<String> lines, int start) {
        List<String> tags = new ArrayList<>();
        int i = start;
        while (i < lines.size() && lines.get(i).trim().startsWith("_")) {
            tags.add(lines.get(i).trim().toLowerCase(java.util.Locale.ROOT));
            i++;
        }
        Map<String, List<String>> columns = new LinkedHashMap<>();
        tags.forEach(tag -> columns.put(tag, new ArrayList<>()));
        List<String> pending = new ArrayList<>();
        for (; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("_") || line.equals("loop_") || line.startsWith("data_")) {
                break;
            }
            if (line.startsWith("#")) {
                continue;
            }
            pending.addAll(tokens(line));
            while (pending.size() >= tags.size()) {
                for (String tag : tags) {
                    columns.get(tag).add(pending.remove(0));
                }
            }
        }
        loops.add(columns);
        return i;
    }

    private static List<String> tokens(String line) {
        List<String> tokens = new ArrayList<>();
        Matcher matcher = Pattern.compile("'([^']*)'|\"([^\"]*)\"|(\\S+)").matcher(line);
        while (matcher.find()) {
            tokens.add(matcher.group(1) != null ? matcher.group(1) : matcher.group(2) != null ? matcher.group(2) : matcher.group(3));
        }
        return tokens;
    }

    private List<String> column(String... names) throws IOException {
        for (Map<String, List<String>> loop : loops) {
            for (String name : names) {
                if (loop.containsKey(name)) {
                    return loop.get(name);
                }
            }
        }
        throw new IOException(file + ": no " + names[0] + " loop (the host reader needs it)");
    }

    private double number(String tag) throws IOException {
        String value = values.get(tag);
        if (value == null) {
            throw new IOException(file + ": no " + tag);
        }
        return parseNumber(value);
    }

    private static double parseNumber(String value) {
        int bracket = value.indexOf('(');
        return Double.parseDouble(bracket < 0 ? value : value.substring(0, bracket));
    }

    private HostCell expand() throws IOException {
        double[] lengths = {number("_cell_length_a"), number("_cell_length_b"), number("_cell_length_c")};
        double[] angles = {number("_cell_angle_alpha"), number("_cell_angle_beta"), number("_cell_angle_gamma")};
        List<SymmetryOperation> operations = new ArrayList<>();
        for (String xyz : column("_space_group_symop_operation_xyz", "_symmetry_equiv_pos_as_xyz")) {
            operations.add(SymmetryOperation.parse(xyz));
        }
        Map<String, Integer> oxidation = oxidationStates();
        List<String> labels = column("_atom_site_label");
        List<String> types = column("_atom_site_type_symbol");
        List<String> xs = column("_atom_site_fract_x");
        List<String> ys = column("_atom_site_fract_y");
        List<String> zs = column("_atom_site_fract_z");
        List<String> occupancies = optionalColumn("_atom_site_occupancy", labels.size());
        List<HostCell.Site> sites = new ArrayList<>();
        for (int row = 0; row < labels.size(); row++) {
            double[] frac = {parseNumber(xs.get(row)), parseNumber(ys.get(row)), parseNumber(zs.get(row))};
            String element = element(types.get(row));
            int charge = oxidation.getOrDefault(types.get(row), chargeOf(types.get(row)));
            double occupancy = parseNumber(occupancies.get(row));
            for (SymmetryOperation operation : operations) {
                addOrMerge(sites, labels.get(row), element, charge, occupancy, operation.apply(frac));
            }
        }
        return new HostCell(lengths, angles, List.copyOf(sites));
    }

    private List<String> optionalColumn(String tag, int rows) {
        try {
            return column(tag);
        } catch (IOException e) {
            return java.util.Collections.nCopies(rows, "1");
        }
    }

    private Map<String, Integer> oxidationStates() {
        Map<String, Integer> result = new HashMap<>();
        try {
            List<String> symbols = column("_atom_type_symbol");
            List<String> numbers = column("_atom_type_oxidation_number");
            for (int i = 0; i < symbols.size(); i++) {
                result.put(symbols.get(i), (int) Math.round(parseNumber(numbers.get(i))));
            }
        } catch (IOException e) {
            // no atom_type loop: charges come from the type symbols (Zr4+)
        }
        return result;
    }

    private static void addOrMerge(List<HostCell.Site> sites, String label, String element, int charge, double occupancy,
            double[] frac) {
        for (HostCell.Site site : sites) {
            if (samePosition(site.fracCoords(), frac)) {
                if (!site.occupancy().containsKey(element)) {
                    site.occupancy().put(element, occupancy);
                    site.oxidationStates().put(element, charge);
                }
                return;
            }
        }
        Map<String, Double> occupancyMap = new LinkedHashMap<>();
        occupancyMap.put(element, occupancy);
        Map<String, Integer> charges = new LinkedHashMap<>();
        charges.put(element, charge);
        sites.add(new HostCell.Site(label, occupancyMap, charges, frac));
    }

    static boolean samePosition(double[] a, double[] b) {
        for (int d = 0; d < 3; d++) {
            double delta = Math.abs(a[d] - b[d]);
            if (Math.min(delta, 1 - delta) > SAME_SITE_TOLERANCE) {
                return false;
            }
        }
        return true;
    }

    private String element(String type) throws IOException {
        Matcher matcher = ELEMENT.matcher(type);
        if (!matcher.find()) {
            throw new IOException(file + ": cannot read an element from atom type '" + type + "'");
        }
        return matcher.group(1);
    }

    private static int chargeOf(String type) {
        Matcher matcher = ELEMENT.matcher(type);
        if (!matcher.find() || matcher.group(3).isEmpty()) {
            return 0;
        }
        int magnitude = matcher.group(2).isEmpty() ? 1 : Integer.parseInt(matcher.group(2));
        return matcher.group(3).equals("-") ? -magnitude : magnitude;
    }
}
