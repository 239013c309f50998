package org.cgformer.screening.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.cgformer.screening.internal.Csv;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A screening report folder as {@link ScreeningService} writes it (format: docs/screening.md, "Report"), read and written
 * here only: {@value #CANDIDATES} (one row per candidate, by rank, failed ones last), {@value #SHORTLIST} (the same
 * columns), {@value #SUMMARY}, and the generated CIFs under {@value #STRUCTURES}. Rows that cannot be read are reported
 * with their line and left out, so the rest can still be shown.
 */
public final class ScreeningReport {

    public static final String CANDIDATES = "candidates.csv";
    public static final String SHORTLIST = "shortlist.csv";
    public static final String SUMMARY = "summary.json";
    public static final String STRUCTURES = "structures";

    /** The columns of {@value #CANDIDATES} and {@value #SHORTLIST}, in the order written. */
    public static final List<String> COLUMNS = List.of("rank", "id", "formula", "dopants", "na_per_formula", "cluster", "eb_ev",
            "eb_std_ev", "delta_eb_ev", "ehull_mev_atom", "ehull_std_mev_atom", "score", "pareto", "shortlist", "conductivity_s_cm",
            "structure", "status", "message");

    /** Columns a report must have to be read; the others are optional (empty or NaN when absent). */
    static final List<String> REQUIRED = List.of("rank", "id", "formula", "eb_ev", "ehull_mev_atom", "pareto", "shortlist",
            "structure");

    private final Path folder;
    private final List<Candidate> candidates;
    private final List<String> problems;

    private ScreeningReport(Path folder, List<Candidate> candidates, List<String> problems) {
        this.folder = folder;
        this.candidates = List.copyOf(candidates);
        this.problems = List.copyOf(problems);
    }

    /**
     * Reads {@code folder/candidates.csv}.
     *
     * @throws IOException when the file is missing, empty or lacks a required column (the message names it)
     */
    public static ScreeningReport read(Path folder) throws IOException {
        Path csv = folder.resolve(CANDIDATES);
        if (!Files.isRegularFile(csv)) {
            throw new IOException(folder + " is not a screening report: no " + CANDIDATES);
        }
        List<Candidate> candidates = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        readRows(csv, candidates, problems);
        return new ScreeningReport(folder, candidates, problems);
    }

    /**
     * The candidates of one candidates file, all or nothing (for resuming a run from its own output).
     *
     * @throws IOException when the file cannot be read or a row is unreadable (the message names the line)
     */
    public static List<Candidate> readCandidates(Path csv) throws IOException {
        List<Candidate> candidates = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        readRows(csv, candidates, problems);
        if (!problems.isEmpty()) {
            throw new IOException(csv.getParent() == null ? problems.get(0) : csv.getParent().resolve(problems.get(0)).toString());
        }
        return candidates;
    }

    /** Writes {@code candidates} with {@link #COLUMNS}, atomically (a reader never sees half a file). */
    public static void writeCandidates(Path csv, List<Candidate> candidates) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        for (Candidate c : candidates) {
            rows.add(List.of(c.rank() > 0 ? Integer.toString(c.rank()) : "", c.id(), c.formula(), String.join(";", c.dopants()),
                    String.format(Locale.ROOT, "%.4g", c.naPerFormula()), c.cluster() > 0 ? Integer.toString(c.cluster()) : "",
                    number(c.ebEv()), number(c.ebStdEv()), number(c.deltaEbEv()), number(c.ehullMevAtom()), number(c.ehullStdMevAtom()),
                    number(c.score()), Boolean.toString(c.pareto()), Boolean.toString(c.shortlist()), number(c.conductivitySPerCm()),
                    c.structure(), c.ok() ? "ok" : "failed", c.message() == null ? "" : c.message()));
        }
        Csv.write(csv, COLUMNS, rows);
    }

    private static void readRows(Path csv, List<Candidate> candidates, List<String> problems) throws IOException {
        List<Csv.Record> records = Csv.records(csv);
        if (records.isEmpty()) {
            throw new IOException(csv + ": empty file");
        }
        Map<String, Integer> columns = new HashMap<>();
        List<String> header = records.get(0).fields();
        for (int i = 0; i < header.size(); i++) {
            columns.put(header.get(i).strip().toLowerCase(Locale.ROOT), i);
        }
        for (String required : REQUIRED) {
            if (!columns.containsKey(required)) {
                throw new IOException(csv + ":1: no column '" + required + "' (header: " + String.join(",", header) + ")");
            }
        }
        for (Csv.Record record : records.subList(1, records.size())) {
            if (record.fields().size() == 1 && record.fields().get(0).isBlank()) {
                continue;
            }
            try {
                candidates.add(candidate(new Row(record.fields(), columns)));
            } catch (IllegalArgumentException e) {
                problems.add(csv.getFileName() + ":" + record.line() + ": " + e.getMessage());
            }
        }
    }

    private static Candidate candidate(Row r) {
        String dopants = r.text("dopants");
        return new Candidate(r.integer("rank"), r.text("id"), r.text("formula"), dopants.isEmpty() ? List.of() : List.of(dopants.split(";")),
                r.number("na_per_formula"), r.integer("cluster"), r.number("eb_ev"), r.number("eb_std_ev"), r.number("delta_eb_ev"),
                r.number("ehull_mev_atom"), r.number("ehull_std_mev_atom"), r.number("score"), r.bool("pareto"), r.bool("shortlist"),
                r.number("conductivity_s_cm"), r.text("structure"), r.text("message"));
    }

    /** Named access to one row's fields; a value that does not parse is refused naming the column and the value. */
    private record Row(List<String> fields, Map<String, Integer> columns) {

        String text(String column) {
            Integer i = columns.get(column);
            return i == null || i >= fields.size() ? "" : fields.get(i).strip();
        }

        double number(String column) {
            String text = text(column);
            if (text.isEmpty()) {
                return Double.NaN;
            }
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(column + " '" + text + "' is not a number");
            }
        }

        /** An empty rank or cluster is 0 (failed candidate, not clustered). */
        int integer(String column) {
            String text = text(column);
            if (text.isEmpty()) {
                return 0;
            }
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(column + " '" + text + "' is not a whole number");
            }
        }

        boolean bool(String column) {
            String text = text(column).toLowerCase(Locale.ROOT);
            if (!text.equals("true") && !text.equals("false") && !text.isEmpty()) {
                throw new IllegalArgumentException(column + " '" + text + "' is neither true nor false");
            }
            return text.equals("true");
        }
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.6g", value);
    }

    public Path folder() {
        return folder;
    }

    /** The readable rows, in file order. */
    public List<Candidate> candidates() {
        return candidates;
    }

    /** Rows left out, as {@code candidates.csv:LINE: why}. */
    public List<String> problems() {
        return problems;
    }

    /** {@value #SUMMARY} as a JSON object (nested maps and lists); empty when the report has none. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> summary() throws IOException {
        Path file = folder.resolve(SUMMARY);
        return Files.isRegularFile(file) ? new ObjectMapper().readValue(file.toFile(), Map.class) : new LinkedHashMap<>();
    }
}
