package org.cgformer.graph.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

import org.cgformer.structure.api.Element;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * CGCNN's {@code atom_init.json} (shipped in {@code data/cgcnn_atom_init.json}): a vector of 92
 * numbers per atomic number, for Z = 1..100.
 */
public final class AtomInitTable {

    /** Resource path inside this bundle. */
    static final String RESOURCE = "/data/cgcnn_atom_init.json";

    private final float[][] rows;
    private final int width;

    AtomInitTable(float[][] rows, int width) {
        this.rows = rows;
        this.width = width;
    }

    /** The table shipped in this bundle. */
    public static AtomInitTable load() {
        try (InputStream in = AtomInitTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from bundle org.cgformer.graph");
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** Parses {"1": [..92 numbers..], "2": [...], ...}; every row must have the same length. */
    public static AtomInitTable parse(InputStream in) throws IOException {
        JsonNode root = new ObjectMapper().readTree(in);
        int maxZ = 0;
        for (Iterator<String> names = root.fieldNames(); names.hasNext();) {
            maxZ = Math.max(maxZ, Integer.parseInt(names.next()));
        }
        float[][] rows = new float[maxZ + 1][];
        int width = -1;
        for (Iterator<Map.Entry<String, JsonNode>> fields = root.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode values = field.getValue();
            if (width < 0) {
                width = values.size();
            } else if (values.size() != width) {
                throw new IOException("atom_init row " + field.getKey() + " has " + values.size() + " numbers, not " + width);
            }
            float[] row = new float[width];
            for (int k = 0; k < width; k++) {
                row[k] = (float) values.get(k).asDouble();
            }
            rows[Integer.parseInt(field.getKey())] = row;
        }
        return new AtomInitTable(rows, width);
    }

    /** 92 for CGCNN's table. */
    public int width() {
        return width;
    }

    /** Largest atomic number with a row. */
    public int maxAtomicNumber() {
        return rows.length - 1;
    }

    /** The row of {@code element}, or null when the table has none (Z above 100). Not a copy. */
    float[] rowOrNull(Element element) {
        int z = element.atomicNumber();
        return z < rows.length ? rows[z] : null;
    }

    /** A copy of the row for atomic number {@code z}, or null. */
    public float[] row(int z) {
        return z > 0 && z < rows.length && rows[z] != null ? rows[z].clone() : null;
    }
}
