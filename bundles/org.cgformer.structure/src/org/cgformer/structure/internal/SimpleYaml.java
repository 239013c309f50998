package org.cgformer.structure.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the block-mapping subset of YAML that pymatgen's bond-valence files use (nested
 * {@code key:} lines, scalar {@code key: value} leaves), so the core bundle needs no YAML library.
 * Values stay strings; nested maps are {@code Map<String, Object>}.
 */
public final class SimpleYaml {

    private SimpleYaml() {
    }

    public static Map<String, Object> readResource(String resource) {
        try (InputStream in = SimpleYaml.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from bundle org.cgformer.structure");
            }
            return read(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> read(BufferedReader reader) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        Deque<Map<String, Object>> maps = new ArrayDeque<>();
        Deque<Integer> indents = new ArrayDeque<>();
        maps.push(root);
        indents.push(-1);
        String line;
        while ((line = reader.readLine()) != null) {
            String content = line.strip();
            if (content.isEmpty() || content.startsWith("#") || content.equals("---")) {
                continue;
            }
            int indent = line.length() - line.stripLeading().length();
            while (indent <= indents.peek()) {
                maps.pop();
                indents.pop();
            }
            int colon = content.indexOf(':');
            String key = unquote(content.substring(0, colon).strip());
            String value = content.substring(colon + 1).strip();
            if (value.isEmpty()) {
                Map<String, Object> child = new LinkedHashMap<>();
                maps.peek().put(key, child);
                maps.push(child);
                indents.push(indent);
            } else {
                maps.peek().put(key, unquote(value));
            }
        }
        return root;
    }

    private static String unquote(String text) {
        if (text.length() >= 2 && (text.startsWith("'") && text.endsWith("'") || text.startsWith("\"") && text.endsWith("\""))) {
            return text.substring(1, text.length() - 1);
        }
        return text;
    }

    /** The nested map under {@code key}, or an empty map. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** The number under {@code key}, or NaN. */
    public static double number(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        try {
            return value instanceof String s ? Double.parseDouble(s) : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
