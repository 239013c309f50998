package org.cgformer.structure.io.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One {@code data_} block: its items and loops, each value with its line. Tags are looked up
 * case-insensitively and with DDLm's dot equal to underscore ({@code _atom_site.fract_x} is
 * {@code _atom_site_fract_x}).
 */
final class CifBlock {

    /** A value and where it stands; {@code unknown} for unquoted '?' and '.' (CIF's null values). */
    record Value(String text, int line, boolean quoted) {
        boolean unknown() {
            return !quoted && (text.equals("?") || text.equals("."));
        }
    }

    /** The values of one tag: one for a plain item, one per row for a loop column. */
    record Column(String tag, int line, List<Value> values) {
        int size() {
            return values.size();
        }

        Value get(int row) {
            return values.get(row);
        }
    }

    private final String name;
    private final int line;
    private final Map<String, Column> columns = new LinkedHashMap<>();

    CifBlock(String name, int line) {
        this.name = name;
        this.line = line;
    }

    String name() {
        return name;
    }

    int line() {
        return line;
    }

    static String normalize(String tag) {
        return tag.toLowerCase(Locale.ROOT).replace('.', '_');
    }

    void put(String tag, int tagLine, List<Value> values) {
        columns.put(normalize(tag), new Column(tag, tagLine, new ArrayList<>(values)));
    }

    boolean has(String tag) {
        return columns.containsKey(normalize(tag));
    }

    /** The column of {@code tag}, or null. */
    Column column(String tag) {
        return columns.get(normalize(tag));
    }

    /** The first of {@code tags} present, or null. */
    Column firstColumn(String... tags) {
        for (String tag : tags) {
            Column column = column(tag);
            if (column != null) {
                return column;
            }
        }
        return null;
    }

    /** The single (first) value of the first of {@code tags} present and known, or null. */
    Value value(String... tags) {
        for (String tag : tags) {
            Column column = column(tag);
            if (column != null && column.size() > 0 && !column.get(0).unknown()) {
                return column.get(0);
            }
        }
        return null;
    }
}
