package org.cgformer.structure.io.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.cgformer.structure.api.ParseIssue;
import org.cgformer.structure.io.internal.CifToken.Kind;

/**
 * Splits CIF text into tokens (CIF 1.1 syntax, plus the CIF 2.0 triple-quoted strings and
 * bracketed lists/tables, which become single values). Unterminated quotes are repaired by
 * ending the value at the end of the line, with a warning.
 */
final class CifLexer {

    private final String file;
    private final String[] lines;
    private final List<ParseIssue> issues;
    private final List<CifToken> tokens = new ArrayList<>();
    private int lineIndex;
    private int pos;

    private CifLexer(String file, String text, List<ParseIssue> issues) {
        this.file = file;
        this.lines = lines(text);
        this.issues = issues;
    }

    /**
     * The lines of {@code text}, split at CR LF, CR or LF, trailing empty lines kept: {@code text.split("\r\n|\r|\n", -1)}
     * without the regular expression, which was a third of the time of reading the screening's generated 42-site CIFs
     * (JFR).
     */
    static String[] lines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                lines.add(text.substring(start, i));
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        lines.add(text.substring(start));
        return lines.toArray(new String[0]);
    }

    static List<CifToken> tokenize(String file, String text, List<ParseIssue> issues) {
        CifLexer lexer = new CifLexer(file, text, issues);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        for (lineIndex = 0; lineIndex < lines.length; lineIndex++) {
            String line = lines[lineIndex];
            if (line.startsWith(";")) {
                textField();
                continue;
            }
            pos = 0;
            while (nextTokenOnLine(lines[lineIndex])) {
                // tokens are added as found; a multi-line token may advance lineIndex
            }
        }
    }

    /** Reads one token from the current line; false at the end of the line or a comment. */
    private boolean nextTokenOnLine(String line) {
        while (pos < line.length() && Character.isWhitespace(line.charAt(pos))) {
            pos++;
        }
        if (pos >= line.length() || line.charAt(pos) == '#') {
            return false;
        }
        char c = line.charAt(pos);
        if (line.startsWith("'''", pos) || line.startsWith("\"\"\"", pos)) {
            tripleQuoted(line.substring(pos, pos + 3));
        } else if (c == '\'' || c == '"') {
            quoted(line, c);
        } else if (c == '[' || c == '{') {
            bracketed();
        } else {
            bare(line);
        }
        return true;
    }

    private void bare(String line) {
        int start = pos;
        while (pos < line.length() && !Character.isWhitespace(line.charAt(pos))) {
            pos++;
        }
        String word = line.substring(start, pos);
        String lower = word.toLowerCase(Locale.ROOT);
        int lineNumber = lineIndex + 1;
        if (lower.startsWith("data_")) {
            tokens.add(new CifToken(Kind.DATA, word.substring(5), lineNumber));
        } else if (lower.equals("loop_")) {
            tokens.add(new CifToken(Kind.LOOP, word, lineNumber));
        } else if (lower.startsWith("save_")) {
            tokens.add(new CifToken(Kind.SAVE, word.substring(5), lineNumber));
        } else if (lower.equals("global_") || lower.equals("stop_")) {
            tokens.add(new CifToken(Kind.RESERVED, word, lineNumber));
        } else if (word.startsWith("_")) {
            tokens.add(new CifToken(Kind.TAG, word, lineNumber));
        } else {
            tokens.add(new CifToken(Kind.VALUE, word, lineNumber));
        }
    }

    /** A quote ends only where it is followed by white space or the end of the line (CIF 1.1). */
    private void quoted(String line, char quote) {
        int start = pos + 1;
        int end = start;
        while (end < line.length()) {
            if (line.charAt(end) == quote && (end + 1 == line.length() || Character.isWhitespace(line.charAt(end + 1)))) {
                break;
            }
            end++;
        }
        if (end >= line.length()) {
            issues.add(ParseIssue.warning(file, lineIndex + 1, "unterminated " + quote + " quote: value ends at the end of the line"));
            tokens.add(new CifToken(Kind.QUOTED, line.substring(start), lineIndex + 1));
            pos = line.length();
        } else {
            tokens.add(new CifToken(Kind.QUOTED, line.substring(start, end), lineIndex + 1));
            pos = end + 1;
        }
    }

    /** CIF 2.0 {@code '''…'''} or {@code """…"""}, possibly over several lines. */
    private void tripleQuoted(String delimiter) {
        int startLine = lineIndex;
        StringBuilder value = new StringBuilder();
        int from = pos + 3;
        while (lineIndex < lines.length) {
            String line = lines[lineIndex];
            int close = line.indexOf(delimiter, from);
            if (close >= 0) {
                value.append(line, from, close);
                pos = close + 3;
                tokens.add(new CifToken(Kind.QUOTED, value.toString(), startLine + 1));
                return;
            }
            value.append(line.substring(Math.min(from, line.length()))).append('\n');
            from = 0;
            lineIndex++;
        }
        issues.add(ParseIssue.warning(file, startLine + 1, "triple-quoted value " + delimiter + " is never closed"));
        lineIndex = lines.length - 1;
        pos = lines[lineIndex].length();
        tokens.add(new CifToken(Kind.QUOTED, value.toString(), startLine + 1));
    }

    /** CIF 2.0 list {@code [...]} or table {@code {...}}: kept as one value, nesting counted. */
    private void bracketed() {
        int startLine = lineIndex;
        StringBuilder value = new StringBuilder();
        int depth = 0;
        while (lineIndex < lines.length) {
            String line = lines[lineIndex];
            for (; pos < line.length(); pos++) {
                char c = line.charAt(pos);
                value.append(c);
                if (c == '[' || c == '{') {
                    depth++;
                } else if ((c == ']' || c == '}') && --depth == 0) {
                    pos++;
                    tokens.add(new CifToken(Kind.QUOTED, value.toString(), startLine + 1));
                    return;
                }
            }
            value.append('\n');
            lineIndex++;
            pos = 0;
        }
        issues.add(ParseIssue.warning(file, startLine + 1, "bracket opened here is never closed"));
        lineIndex = lines.length - 1;
        pos = lines[lineIndex].length();
        tokens.add(new CifToken(Kind.QUOTED, value.toString(), startLine + 1));
    }

    /** A text field: from a line starting with ';' to the next line starting with ';'. */
    private void textField() {
        int startLine = lineIndex;
        StringBuilder value = new StringBuilder(lines[lineIndex].substring(1));
        for (lineIndex++; lineIndex < lines.length; lineIndex++) {
            String line = lines[lineIndex];
            if (line.startsWith(";")) {
                tokens.add(new CifToken(Kind.QUOTED, value.toString(), startLine + 1));
                String rest = line.substring(1);
                if (!rest.isBlank()) {
                    pos = 1;
                    while (nextTokenOnLine(line)) {
                        // tokens after the closing ';' on the same line
                    }
                }
                return;
            }
            value.append('\n').append(line);
        }
        issues.add(ParseIssue.warning(file, startLine + 1, "text field opened with ';' here is never closed"));
        tokens.add(new CifToken(Kind.QUOTED, value.toString(), startLine + 1));
    }
}
