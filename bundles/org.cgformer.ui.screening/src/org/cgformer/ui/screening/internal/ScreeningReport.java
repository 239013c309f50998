package org.cgformer.ui.screening.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A screening report folder (format: /work/notes/report-format.md): {@code candidates.csv}, one row
 * per candidate sorted by rank. Rows that cannot be read are reported with their line and left out;
 * the rest is still shown.
 */
public final class ScreeningReport {

    /** Columns the report must have (the others are optional). */
    static final List<String> REQUIRED = List.of("rank", "id", "formula", "eb_ev", "ehull_mev_atom", "pareto", "shortlist",
            "structure", "status");

    /** One candidate; numbers are NaN where the report leaves them empty (failed candidates). */
    public record Candidate(int rank, String id, String formula, String dopants, double naPerFormula, String cluster,
            double ebEv, double ebStdEv, double ehullMevAtom, double ehullStdMevAtom, double score, boolean pareto,
            boolean shortlist, double conductivity, String structure, String status, String message) {

        public boolean ok() {
            return "ok".equals(status);
        }
    }

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
     * @throws IOException when the file is missing or lacks a required column (the message names it)
     */
    public static ScreeningReport read(Path folder) throws IOException {
        Path csv = folder.resolve("candidates.csv");
        if (!Files.isRegularFile(csv)) {
            throw new IOException(folder + " is not a screening report: no candidates.csv");
        }
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            throw new IOException(csv + ": empty file");
        }
        Map<String, Integer> columns = new HashMap<>();
        List<String> header = split(lines.get(0));
        for (int i = 0; i < header.size(); i++) {
            columns.put(header.get(i).strip().toLowerCase(Locale.ROOT), i);
        }
        for (String required : REQUIRED) {
            if (!columns.containsKey(required)) {
                throw new IOException(csv + ":1: no column '" + required + "' (header: " + lines.get(0) + ")");
            }
        }
        List<Candidate> candidates = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int n = 1; n < lines.size(); n++) {
            if (lines.get(n).isBlank()) {
                continue;
            }
            try {
                candidates.add(candidate(split(lines.get(n)), columns));
            } catch (IllegalArgumentException e) {
                problems.add(csv.getFileName() + ":" + (n + 1) + ": " + e.getMessage());
            }
        }
        return new ScreeningReport(folder, candidates, problems);
    }

    private static Candidate candidate(List<String> row, Map<String, Integer> columns) {
        Row r = new Row(row, columns);
        String rank = r.text("rank");
        return new Candidate(rank.isEmpty() ? Integer.MAX_VALUE : (int) r.number("rank"), r.text("id"), r.text("formula"),
                r.text("dopants"), r.number("na_per_formula"), r.text("cluster"), r.number("eb_ev"), r.number("eb_std_ev"),
                r.number("ehull_mev_atom"), r.number("ehull_std_mev_atom"), r.number("score"), r.bool("pareto"),
                r.bool("shortlist"), r.number("conductivity_s_cm"), r.text("structure"), r.text("status"),
                r.text("message"));
    }

    /** Named access to one row's fields. */
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

        boolean bool(String column) {
            String text = text(column).toLowerCase(Locale.ROOT);
            if (!text.equals("true") && !text.equals("false") && !text.isEmpty()) {
                throw new IllegalArgumentException(column + " '" + text + "' is neither true nor false");
            }
            return text.equals("true");
        }
    }

    /** Splits one CSV line (RFC 4180 quotes, doubled quotes inside). */
    static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    /** One CSV field, quoted when it needs to be. */
    static String quote(String field) {
        return field.contains(",") || field.contains("\"") || field.contains("\n") ? "\"" + field.replace("\"", "\"\"") + "\""
                : field;
    }

    public Path folder() {
        return folder;
    }

    public List<Candidate> candidates() {
        return candidates;
    }

    /** Rows left out, as {@code candidates.csv:LINE: why}. */
    public List<String> problems() {
        return problems;
    }
}
