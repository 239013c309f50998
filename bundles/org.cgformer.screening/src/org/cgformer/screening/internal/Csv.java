package org.cgformer.screening.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** RFC 4180 CSV as the report writes it: a header row, fields quoted when they hold a comma, quote or line break. */
public final class Csv {

    /** One record of a CSV file and the line it starts on (1-based), for messages. */
    public record Record(int line, List<String> fields) {
    }

    private Csv() {
    }

    static String field(String value) {
        if (value == null) {
            return "";
        }
        if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }

    static String row(List<String> fields) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            line.append(i == 0 ? "" : ",").append(field(fields.get(i)));
        }
        return line.append('\n').toString();
    }

    /** Writes header and rows to a temporary file and moves it into place, so a reader never sees half a file. */
    public static void write(Path file, List<String> header, List<List<String>> rows) throws IOException {
        StringBuilder text = new StringBuilder(row(header));
        rows.forEach(r -> text.append(row(r)));
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Rows as maps from header names to values; an error names the file and line. */
    static List<Map<String, String>> read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<Record> records = parse(text, file);
        List<Map<String, String>> rows = new ArrayList<>();
        if (records.isEmpty()) {
            return rows;
        }
        List<String> header = records.get(0).fields();
        for (int r = 1; r < records.size(); r++) {
            List<String> record = records.get(r).fields();
            if (record.size() == 1 && record.get(0).isEmpty()) {
                continue;
            }
            if (record.size() != header.size()) {
                throw new IOException(file + ": record " + (r + 1) + " has " + record.size() + " fields, the header " + header.size());
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), record.get(i));
            }
            rows.add(row);
        }
        return rows;
    }

    /** Every record of the file, the header first; an unclosed quote names the file and line. */
    public static List<Record> records(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file);
    }

    private static List<Record> parse(String text, Path file) throws IOException {
        List<Record> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int line = 1;
        int recordLine = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    line += c == '\n' ? 1 : 0;
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\n') {
                record.add(field.toString());
                field.setLength(0);
                records.add(new Record(recordLine, record));
                record = new ArrayList<>();
                line++;
                recordLine = line;
            } else if (c != '\r') {
                field.append(c);
            }
        }
        if (quoted) {
            throw new IOException(file + ":" + line + ": quoted field not closed");
        }
        if (!field.isEmpty() || !record.isEmpty()) {
            record.add(field.toString());
            records.add(new Record(recordLine, record));
        }
        return records;
    }
}
