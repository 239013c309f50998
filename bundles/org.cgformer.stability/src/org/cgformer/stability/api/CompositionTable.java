package org.cgformer.stability.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A CSV of compositions with a target and numeric composition features, as the Ouyang et al. 2021
 * NASICON Ehull set ({@code CompName,NewEhullLst,<14 features>}): one column with the formula, one
 * with the target, every other column a feature. Rows that cannot be read are kept as problems
 * (file and line named), not thrown: batch work goes on past them.
 */
public record CompositionTable(Path file, List<String> featureNames, List<Row> rows, List<String> problems) {

    /** The formula column of the Ouyang et al. file. */
    public static final String DEFAULT_COMPOSITION_COLUMN = "CompName";
    /** The energy-above-hull column (meV/atom) of the Ouyang et al. file. */
    public static final String DEFAULT_TARGET_COLUMN = "NewEhullLst";

    /**
     * One data row.
     *
     * @param line 1-based line in the file
     * @param id stable identifier: {@code ehull-<data row number, 4 digits>}
     */
    public record Row(int line, String id, String composition, double target, double[] features) {
    }

    /**
     * Reads {@code file}.
     *
     * @throws IOException when the file cannot be read, is empty or lacks the named columns
     */
    public static CompositionTable read(Path file, String compositionColumn, String targetColumn, String idPrefix) throws IOException {
        List<String> lines = Files.readAllLines(file);
        if (lines.isEmpty()) {
            throw new IOException(file + " is empty");
        }
        List<String> header = Arrays.stream(lines.get(0).split(",", -1)).map(String::strip).toList();
        int compositionIndex = column(file, header, compositionColumn);
        int targetIndex = column(file, header, targetColumn);
        List<String> features = new ArrayList<>();
        for (int c = 0; c < header.size(); c++) {
            if (c != compositionIndex && c != targetIndex) {
                features.add(header.get(c));
            }
        }
        List<Row> rows = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int dataRow = 0;
        for (int n = 1; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.isBlank()) {
                continue;
            }
            dataRow++;
            String[] cells = line.split(",", -1);
            String where = file.getFileName() + ":" + (n + 1) + ": ";
            if (cells.length != header.size()) {
                problems.add(where + cells.length + " cells, the header has " + header.size());
                continue;
            }
            try {
                double target = number(cells[targetIndex], targetColumn);
                double[] values = new double[features.size()];
                int f = 0;
                for (int c = 0; c < cells.length; c++) {
                    if (c != compositionIndex && c != targetIndex) {
                        values[f++] = number(cells[c], header.get(c));
                    }
                }
                rows.add(new Row(n + 1, String.format("%s-%04d", idPrefix, dataRow), cells[compositionIndex].strip(), target, values));
            } catch (NumberFormatException e) {
                problems.add(where + e.getMessage());
            }
        }
        return new CompositionTable(file, List.copyOf(features), List.copyOf(rows), List.copyOf(problems));
    }

    private static int column(Path file, List<String> header, String name) throws IOException {
        int index = header.indexOf(name);
        if (index < 0) {
            throw new IOException(file + ": no column '" + name + "' (columns: " + String.join(", ", header) + ")");
        }
        return index;
    }

    private static double number(String cell, String column) {
        try {
            double value = Double.parseDouble(cell.strip());
            if (!Double.isFinite(value)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new NumberFormatException(column + " '" + cell + "' is not a finite number");
        }
    }

    /** The feature matrix of {@code rows} (rows × features). */
    public static double[][] features(List<Row> rows) {
        return rows.stream().map(Row::features).toArray(double[][]::new);
    }

    public static double[] targets(List<Row> rows) {
        return rows.stream().mapToDouble(Row::target).toArray();
    }
}
