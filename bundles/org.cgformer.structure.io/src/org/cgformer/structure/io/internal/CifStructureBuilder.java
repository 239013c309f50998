package org.cgformer.structure.io.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.cgformer.structure.api.Element;
import org.cgformer.structure.api.Lattice;
import org.cgformer.structure.api.ParseIssue;
import org.cgformer.structure.api.ReadResult.NamedStructure;
import org.cgformer.structure.api.Site;
import org.cgformer.structure.api.Species;
import org.cgformer.structure.api.Structure;
import org.cgformer.structure.api.StructureException;
import org.cgformer.structure.io.internal.CifBlock.Column;
import org.cgformer.structure.io.internal.CifBlock.Value;

/**
 * Builds a {@link Structure} from one CIF data block the way pymatgen's {@code CifParser} does:
 * cell, symmetry operations (listed, or generated from the Hall symbol, H-M symbol or number),
 * atom sites with occupancies and oxidation states, sites on the same position merged into one
 * mixed site, then symmetry expansion without duplicates.
 */
final class CifStructureBuilder {

    /** Fractional distance per axis below which two positions are the same site (pymatgen's site_tolerance). */
    static final double SITE_TOLERANCE = 1e-4;
    /** Relative distance to 1/3 or 2/3 below which a coordinate is read as exactly that (pymatgen's frac fix). */
    static final double THIRDS_TOLERANCE = 1e-4;
    /** Coordinates written with more decimals than this are taken as exact, not as rounded thirds. */
    static final int MAX_ROUNDED_DECIMALS = 8;
    /** Total site occupancies up to 1 + this are rescaled to 1 with a warning; above, the block is refused. */
    static final double OCCUPANCY_RESCALE_TOLERANCE = 0.05;
    /** Relative tolerance for recognising a rhombohedral cell (a = b = c, alpha = beta = gamma). */
    private static final double RHOMBOHEDRAL_TOLERANCE = 1e-3;
    private static final Pattern CHARGED_SYMBOL = Pattern.compile("[A-Z][a-z]?\\d*(\\.\\d+)?[+-]");

    private final String file;
    private final CifBlock block;
    private final List<ParseIssue> issues;

    /** One row of the atom-site loop. */
    private record AsymmetricSite(String label, double[] frac, Species species, double occupancy, int line) {
    }

    /** Sites merged by position before expansion: one entry per distinct position. */
    private static final class Position {
        final String label;
        final double[] frac;
        final Map<Species, Double> occupancies = new LinkedHashMap<>();
        final int line;

        Position(String label, double[] frac, int line) {
            this.label = label;
            this.frac = frac;
            this.line = line;
        }
    }

    /** The symmetry operations to apply and the space group as the file names it. */
    record Symmetry(List<SymmetryOperation> operations, String given) {
    }

    CifStructureBuilder(String file, CifBlock block, List<ParseIssue> issues) {
        this.file = file;
        this.block = block;
        this.issues = issues;
    }

    NamedStructure build() throws CifDataException {
        Lattice lattice = lattice();
        Symmetry symmetry = symmetry(lattice);
        List<AsymmetricSite> asymmetric = atomSites(lattice, oxidationNumbers());
        List<Position> positions = mergeByPosition(asymmetric, symmetry.operations());
        List<Site> sites = expand(positions, symmetry.operations());
        Structure structure = Structure.of(lattice, sites);
        check(structure, positions);
        return new NamedStructure(block.name(), structure, symmetry.given());
    }

    /** The readers' sanity checks: too little volume per atom refuses the block, overlapping sites are a warning. */
    private void check(Structure structure, List<Position> positions) throws CifDataException {
        String volume = StructureChecks.volumePerAtomProblem(structure);
        if (volume != null) {
            throw new CifDataException(cellLine(), volume);
        }
        List<StructureChecks.ClosePair> overlapping = StructureChecks.overlappingSites(structure);
        if (!overlapping.isEmpty()) {
            String label = structure.site(overlapping.get(0).first()).label();
            int line = positions.stream().filter(p -> p.label.equals(label)).mapToInt(p -> p.line).findFirst()
                    .orElse(block.line());
            issues.add(ParseIssue.warning(file, line, "data_" + block.name() + ": "
                    + StructureChecks.describe(structure, overlapping)));
        }
    }

    private int cellLine() {
        Column cell = block.column("_cell_length_a");
        return cell != null ? cell.line() : block.line();
    }

    private Lattice lattice() throws CifDataException {
        double[] p = new double[6];
        String[] tags = {"_cell_length_a", "_cell_length_b", "_cell_length_c", "_cell_angle_alpha", "_cell_angle_beta",
            "_cell_angle_gamma"};
        for (int i = 0; i < 6; i++) {
            Value value = block.value(tags[i]);
            if (value == null) {
                throw new CifDataException(block.line(), "data_" + block.name() + " has no " + tags[i]);
            }
            p[i] = CifValues.number(value, tags[i]);
        }
        try {
            return Lattice.fromParameters(p[0], p[1], p[2], p[3], p[4], p[5]);
        } catch (StructureException e) {
            throw new CifDataException(cellLine(), e.getMessage());
        }
    }

    // ---- symmetry -------------------------------------------------------------------------------

    private Symmetry symmetry(Lattice lattice) throws CifDataException {
        String given = spaceGroupAsGiven();
        Column listed = block.firstColumn("_symmetry_equiv_pos_as_xyz", "_space_group_symop_operation_xyz");
        if (listed != null && listed.values().stream().anyMatch(v -> !v.unknown())) {
            return new Symmetry(listedOperations(listed), given);
        }
        Optional<List<SymmetryOperation>> generated = fromHall().or(() -> fromSymbol(lattice)).or(() -> fromNumber(lattice));
        if (generated.isPresent()) {
            return new Symmetry(generated.get(), given);
        }
        issues.add(ParseIssue.warning(file, block.line(), "data_" + block.name()
                + " gives no symmetry operations nor a space group we know: read as P 1"));
        return new Symmetry(List.of(SymmetryOperation.IDENTITY), given);
    }

    private String spaceGroupAsGiven() {
        Value hm = hermannMauguin();
        if (hm != null) {
            return hm.text().strip();
        }
        Value hall = block.value("_symmetry_space_group_name_hall", "_space_group_name_hall");
        if (hall != null) {
            return "Hall " + hall.text().strip();
        }
        Value number = block.value("_symmetry_int_tables_number", "_space_group_it_number");
        return number != null ? "No. " + number.text().strip() : "not given";
    }

    private Value hermannMauguin() {
        return block.value("_symmetry_space_group_name_h-m", "_space_group_name_h-m_alt", "_symmetry_space_group_name_h_m",
                "_space_group_name_h-m");
    }

    private List<SymmetryOperation> listedOperations(Column column) throws CifDataException {
        List<SymmetryOperation> operations = new ArrayList<>();
        for (Value value : column.values()) {
            if (value.unknown()) {
                continue;
            }
            try {
                operations.add(SymmetryOperation.parse(value.text()));
            } catch (IllegalArgumentException e) {
                throw new CifDataException(value.line(), "symmetry operation " + e.getMessage());
            }
        }
        return operations;
    }

    private Optional<List<SymmetryOperation>> fromHall() {
        Value hall = block.value("_symmetry_space_group_name_hall", "_space_group_name_hall");
        if (hall == null) {
            return Optional.empty();
        }
        try {
            List<SymmetryOperation> operations = HallSymbol.operations(hall.text());
            issues.add(ParseIssue.warning(file, hall.line(), "no symmetry operations listed: " + operations.size()
                    + " generated from Hall symbol '" + hall.text().strip() + "'"));
            return Optional.of(operations);
        } catch (IllegalArgumentException e) {
            issues.add(ParseIssue.warning(file, hall.line(), e.getMessage() + "; trying the other space-group tags"));
            return Optional.empty();
        }
    }

    private Optional<List<SymmetryOperation>> fromSymbol(Lattice lattice) {
        Value hm = hermannMauguin();
        if (hm == null) {
            return Optional.empty();
        }
        Optional<SpaceGroupTable.Entry> entry = SpaceGroupTable.bySymbol(hm.text(), isRhombohedral(lattice));
        if (entry.isEmpty()) {
            issues.add(ParseIssue.warning(file, hm.line(), "space group '" + hm.text().strip() + "' is not one we know"));
            return Optional.empty();
        }
        return Optional.of(generated(entry.get(), hm, "symbol '" + hm.text().strip() + "'"));
    }

    private Optional<List<SymmetryOperation>> fromNumber(Lattice lattice) {
        Value number = block.value("_symmetry_int_tables_number", "_space_group_it_number");
        if (number == null) {
            return Optional.empty();
        }
        try {
            int n = (int) CifValues.number(number, "space group number");
            Optional<SpaceGroupTable.Entry> entry = SpaceGroupTable.byNumber(n, isRhombohedral(lattice));
            if (entry.isPresent()) {
                return Optional.of(generated(entry.get(), number, "number " + n));
            }
        } catch (CifDataException e) {
            // reported below like any unknown number
        }
        issues.add(ParseIssue.warning(file, number.line(), "space group number '" + number.text() + "' is not 1..230"));
        return Optional.empty();
    }

    private List<SymmetryOperation> generated(SpaceGroupTable.Entry entry, Value source, String what) {
        String setting = entry.setting().isEmpty() || entry.setting().equals("alias") ? "" : ":" + entry.setting();
        issues.add(ParseIssue.warning(file, source.line(), "no symmetry operations listed: generated from space group "
                + what + " as No. " + entry.number() + " " + entry.symbol() + setting + " (Hall '" + entry.hall() + "')"));
        return entry.operations();
    }

    private static boolean isRhombohedral(Lattice lattice) {
        double[] p = lattice.parameters();
        return close(p[0], p[1]) && close(p[1], p[2]) && close(p[3], p[4]) && close(p[4], p[5])
                && Math.abs(p[3] - 90) > 1e-3;
    }

    private static boolean close(double x, double y) {
        return Math.abs(x - y) <= RHOMBOHEDRAL_TOLERANCE * Math.abs(y);
    }

    // ---- atom sites -----------------------------------------------------------------------------

    /** Oxidation number per {@code _atom_type_symbol} (e.g. "Zr4+" or "Zr1" to 4). */
    private Map<String, Double> oxidationNumbers() throws CifDataException {
        Map<String, Double> oxidation = new HashMap<>();
        Column types = block.column("_atom_type_symbol");
        Column numbers = block.column("_atom_type_oxidation_number");
        if (types == null || numbers == null) {
            return oxidation;
        }
        for (int i = 0; i < Math.min(types.size(), numbers.size()); i++) {
            if (!numbers.get(i).unknown()) {
                oxidation.put(types.get(i).text(), CifValues.number(numbers.get(i), "_atom_type_oxidation_number"));
            }
        }
        return oxidation;
    }

    private List<AsymmetricSite> atomSites(Lattice lattice, Map<String, Double> oxidation) throws CifDataException {
        Column[] coords = coordinateColumns();
        boolean cartesian = coords[0].tag().toLowerCase().contains("cartn");
        Column labels = block.column("_atom_site_label");
        Column types = block.column("_atom_site_type_symbol");
        Column occupancies = block.column("_atom_site_occupancy");
        if (labels == null && types == null) {
            throw new CifDataException(coords[0].line(), "atom sites have neither _atom_site_label nor _atom_site_type_symbol");
        }
        int rows = coords[0].size();
        if (rows == 0) {
            throw new CifDataException(coords[0].line(), "the atom-site loop has no rows");
        }
        requireRows(rows, coords[1], coords[2], labels, types, occupancies);
        List<AsymmetricSite> sites = new ArrayList<>();
        int snapped = 0;
        for (int row = 0; row < rows; row++) {
            double[] frac = new double[3];
            for (int k = 0; k < 3; k++) {
                frac[k] = CifValues.number(coords[k].get(row), coords[k].tag());
            }
            if (cartesian) {
                frac = lattice.fracCoords(frac);
                if (!(Double.isFinite(frac[0]) && Double.isFinite(frac[1]) && Double.isFinite(frac[2]))) {
                    throw new CifDataException(coords[0].get(row).line(), "Cartesian coordinates of row " + (row + 1)
                            + " give fractional coordinates " + java.util.Arrays.toString(frac));
                }
            }
            snapped += snapThirds(frac, coords, row);
            AsymmetricSite site = atomSite(row, frac, labels, types, occupancies, oxidation);
            if (site != null) {
                sites.add(site);
            }
        }
        if (snapped > 0) {
            issues.add(ParseIssue.warning(file, coords[0].line(), snapped
                    + " coordinates within 0.01% of 1/3 or 2/3 read as exactly 1/3 or 2/3"));
        }
        if (sites.isEmpty()) {
            throw new CifDataException(coords[0].line(), "no atom site has a positive occupancy");
        }
        return sites;
    }

    private Column[] coordinateColumns() throws CifDataException {
        Column[] frac = {block.column("_atom_site_fract_x"), block.column("_atom_site_fract_y"), block.column("_atom_site_fract_z")};
        if (frac[0] != null && frac[1] != null && frac[2] != null) {
            return frac;
        }
        Column[] cart = {block.column("_atom_site_cartn_x"), block.column("_atom_site_cartn_y"), block.column("_atom_site_cartn_z")};
        if (cart[0] != null && cart[1] != null && cart[2] != null) {
            return cart;
        }
        throw new CifDataException(block.line(), "data_" + block.name()
                + " has no atom sites (_atom_site_fract_x, _y, _z or _atom_site_Cartn_x, _y, _z)");
    }

    private static void requireRows(int rows, Column... columns) throws CifDataException {
        for (Column column : columns) {
            if (column != null && column.size() != rows) {
                throw new CifDataException(column.line(), column.tag() + " has " + column.size() + " values but the atom-site loop has "
                        + rows + " rows");
            }
        }
    }

    /**
     * pymatgen reads 0.3333 and 0.6667 as 1/3 and 2/3 so that symmetry copies coincide. Only values
     * written with few decimals are rounded ones; full-precision values (our own CIFs) stay as written.
     */
    private static int snapThirds(double[] frac, Column[] coords, int row) {
        int snapped = 0;
        for (int k = 0; k < 3; k++) {
            if (decimals(coords[k].get(row).text()) > MAX_ROUNDED_DECIMALS) {
                continue;
            }
            for (double third : new double[] {1.0 / 3, 2.0 / 3}) {
                if (frac[k] != third && Math.abs(1 - frac[k] / third) < THIRDS_TOLERANCE) {
                    frac[k] = third;
                    snapped++;
                }
            }
        }
        return snapped;
    }

    private AsymmetricSite atomSite(int row, double[] frac, Column labels, Column types, Column occupancies,
            Map<String, Double> oxidation) throws CifDataException {
        Value label = labels != null ? labels.get(row) : types.get(row);
        Value type = types != null && !types.get(row).unknown() ? types.get(row) : label;
        Column calcFlags = block.column("_atom_site_calc_flag");
        if (calcFlags != null && calcFlags.size() > row && calcFlags.get(row).text().equalsIgnoreCase("dum")) {
            issues.add(ParseIssue.warning(file, label.line(), "dummy site '" + label.text() + "' (_atom_site_calc_flag dum) skipped"));
            return null;
        }
        double occupancy = CifValues.numberOr(occupancies == null ? null : occupancies.get(row), 1, "_atom_site_occupancy");
        if (occupancy <= 0) {
            if (occupancy < 0) {
                issues.add(ParseIssue.warning(file, label.line(), "site '" + label.text() + "' has negative occupancy "
                        + occupancy + "; skipped"));
            }
            return null;
        }
        Species species = species(type, oxidation);
        if (species == null) {
            return null;
        }
        return new AsymmetricSite(label.text(), frac, species, occupancy, label.line());
    }

    private Species species(Value type, Map<String, Double> oxidation) throws CifDataException {
        String text = type.text().strip();
        String symbol = CifValues.elementSymbol(text);
        if (symbol != null && symbol.isEmpty()) {
            issues.add(ParseIssue.warning(file, type.line(), "'" + text + "' names no single element; site skipped"));
            return null;
        }
        Optional<Element> element = symbol == null ? Optional.empty() : Element.find(symbol);
        if (element.isEmpty()) {
            throw new CifDataException(type.line(), "unknown element '" + (symbol == null ? text : symbol) + "' in '" + text + "'");
        }
        if (!text.startsWith(symbol)) {
            issues.add(ParseIssue.warning(file, type.line(), "'" + text + "' read as " + symbol));
        }
        Double charge = oxidation.get(text);
        if (charge == null && CHARGED_SYMBOL.matcher(text).lookingAt()) {
            charge = chargeOf(text);
        }
        return charge == null ? Species.of(element.get()) : Species.of(element.get(), charge);
    }

    private static Double chargeOf(String text) {
        try {
            java.util.regex.Matcher m = Pattern.compile("[A-Z][a-z]?(\\d*(?:\\.\\d+)?)([+-])").matcher(text);
            if (m.lookingAt()) {
                double magnitude = m.group(1).isEmpty() ? 1 : Double.parseDouble(m.group(1));
                return m.group(2).equals("-") ? -magnitude : magnitude;
            }
        } catch (NumberFormatException e) {
            // not a charge after all: no oxidation state
        }
        return null;
    }

    // ---- merging and expansion ------------------------------------------------------------------

    /** pymatgen's get_matching_coord: a site on a symmetry copy of an earlier position joins it. */
    private List<Position> mergeByPosition(List<AsymmetricSite> sites, List<SymmetryOperation> operations)
            throws CifDataException {
        List<Position> positions = new ArrayList<>();
        for (AsymmetricSite site : sites) {
            Position match = matching(positions, site.frac(), operations);
            if (match == null) {
                match = new Position(site.label(), site.frac(), site.line());
                positions.add(match);
            } else if (isRepeatedListing(match, site)) {
                issues.add(ParseIssue.warning(file, site.line(), "site '" + site.label() + "' is a symmetry copy of site '"
                        + match.label + "' with the same species; listed twice, kept once"));
                continue;
            }
            match.occupancies.merge(site.species(), site.occupancy(), Double::sum);
        }
        for (Position position : positions) {
            rescaleOccupancies(position);
        }
        return positions;
    }

    /**
     * Files sometimes list two members of one orbit as separate sites; summing their occupancies
     * (as pymatgen does, which then refuses the file) would give more than one atom per site.
     */
    private static boolean isRepeatedListing(Position position, AsymmetricSite site) {
        Double existing = position.occupancies.get(site.species());
        double total = position.occupancies.values().stream().mapToDouble(Double::doubleValue).sum();
        return existing != null && total + site.occupancy() > 1 + Site.OCCUPANCY_TOLERANCE;
    }

    private static Position matching(List<Position> positions, double[] frac, List<SymmetryOperation> operations) {
        for (SymmetryOperation operation : operations) {
            double[] image = operation.apply(frac);
            for (Position position : positions) {
                if (samePosition(position.frac, image)) {
                    return position;
                }
            }
        }
        return null;
    }

    private void rescaleOccupancies(Position position) throws CifDataException {
        double total = position.occupancies.values().stream().mapToDouble(Double::doubleValue).sum();
        if (total <= 1 + Site.OCCUPANCY_TOLERANCE) {
            return;
        }
        if (total > 1 + OCCUPANCY_RESCALE_TOLERANCE) {
            throw new CifDataException(position.line, "occupancies of site '" + position.label + "' "
                    + position.occupancies + " sum to " + String.format(java.util.Locale.ROOT, "%.4f", total) + " > 1");
        }
        issues.add(ParseIssue.warning(file, position.line, "occupancies of site '" + position.label + "' sum to " + total
                + "; rescaled to 1"));
        position.occupancies.replaceAll((species, occupancy) -> occupancy / total);
    }

    /** Applies every operation to every position, keeping one site per distinct wrapped position. */
    private List<Site> expand(List<Position> positions, List<SymmetryOperation> operations) {
        Map<Map<Species, Double>, List<double[]>> placedByOccupancy = new LinkedHashMap<>();
        List<Site> sites = new ArrayList<>();
        for (Position position : positions) {
            List<double[]> placed = placedByOccupancy.computeIfAbsent(position.occupancies, k -> new ArrayList<>());
            for (SymmetryOperation operation : operations) {
                double[] image = Structure.wrap(operation.apply(position.frac));
                if (placed.stream().noneMatch(p -> samePosition(p, image))) {
                    placed.add(image);
                    sites.add(Site.of(position.label, image, position.occupancies));
                }
            }
        }
        return sites;
    }

    /** Digits after the decimal point, uncertainty excluded. */
    private static int decimals(String number) {
        int dot = number.indexOf('.');
        if (dot < 0) {
            return 0;
        }
        int end = dot + 1;
        while (end < number.length() && Character.isDigit(number.charAt(end))) {
            end++;
        }
        return end - dot - 1;
    }

    /** Closer than {@link #SITE_TOLERANCE} on every axis, modulo lattice translations. */
    static boolean samePosition(double[] a, double[] b) {
        for (int k = 0; k < 3; k++) {
            double d = a[k] - b[k];
            // strictly below, as pymatgen: coordinates rounded to 4 decimals sit exactly at the tolerance
            if (!(Math.abs(d - Math.rint(d)) < SITE_TOLERANCE)) {
                return false;
            }
        }
        return true;
    }
}
