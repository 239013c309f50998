package org.cgformer.ui.structure.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The outline of a crystal file: for CIF its data blocks with their loops (first tag, number of tags
 * and rows) and the count of single tags; for POSCAR its sections. Read from the text line by line,
 * so it is there even while the file does not parse.
 */
public final class CrystalOutline {

    /** One outline entry: a label, the 1-based line where it starts, and its children. */
    public record Node(String label, int line, List<Node> children) {
    }

    private CrystalOutline() {
    }

    public static List<Node> of(String fileName, String text) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        return lower.endsWith(".cif") || lower.endsWith(".mcif") ? cif(text) : poscar(text);
    }

    public static List<Node> cif(String text) {
        List<Node> blocks = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        Node block = null;
        int singleTags = 0;
        int i = 0;
        while (i < lines.length) {
            String line = lines[i].strip();
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("data_")) {
                if (block != null) {
                    block.children().add(new Node(singleTags + " single tags", block.line(), new ArrayList<>()));
                }
                block = new Node(line, i + 1, new ArrayList<>());
                blocks.add(block);
                singleTags = 0;
                i++;
            } else if (lower.startsWith("loop_") && block != null) {
                i = loop(lines, i, block);
            } else {
                if (line.startsWith("_") && block != null) {
                    singleTags++;
                }
                i++;
            }
        }
        if (block != null) {
            block.children().add(new Node(singleTags + " single tags", block.line(), new ArrayList<>()));
        }
        return blocks;
    }

    /** Adds the loop starting at {@code start} to {@code block}; returns the line after it. */
    private static int loop(String[] lines, int start, Node block) {
        List<Node> tags = new ArrayList<>();
        int i = start + 1;
        while (i < lines.length && lines[i].strip().startsWith("_")) {
            tags.add(new Node(lines[i].strip().split("\\s+")[0], i + 1, new ArrayList<>()));
            i++;
        }
        int rows = 0;
        while (i < lines.length) {
            String line = lines[i].strip();
            String lower = line.toLowerCase(Locale.ROOT);
            if (line.startsWith("_") || lower.startsWith("loop_") || lower.startsWith("data_")) {
                break;
            }
            if (!line.isEmpty() && !line.startsWith("#")) {
                rows++;
            }
            i++;
        }
        String first = tags.isEmpty() ? "(no tags)" : tags.get(0).label();
        block.children().add(new Node("loop_ " + first + " (" + tags.size() + " tags, " + rows + " rows)", start + 1, tags));
        return i;
    }

    public static List<Node> poscar(String text) {
        String[] lines = text.split("\r?\n", -1);
        List<Node> nodes = new ArrayList<>();
        if (lines.length == 0) {
            return nodes;
        }
        nodes.add(new Node("Comment: " + lines[0].strip(), 1, new ArrayList<>()));
        if (lines.length > 1) {
            nodes.add(new Node("Scale: " + lines[1].strip(), 2, new ArrayList<>()));
        }
        if (lines.length > 4) {
            nodes.add(new Node("Lattice vectors", 3, new ArrayList<>()));
        }
        if (lines.length > 6) {
            nodes.add(new Node("Species: " + lines[5].strip() + " / " + lines[6].strip(), 6, new ArrayList<>()));
        }
        for (int i = 7; i < Math.min(lines.length, 10); i++) {
            String l = lines[i].strip().toLowerCase(Locale.ROOT);
            if (l.startsWith("d") || l.startsWith("c") || l.startsWith("k")) {
                nodes.add(new Node("Coordinates (" + lines[i].strip() + ")", i + 1, new ArrayList<>()));
                break;
            }
        }
        return nodes;
    }
}
