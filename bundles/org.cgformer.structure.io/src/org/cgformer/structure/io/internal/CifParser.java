package org.cgformer.structure.io.internal;

import java.util.ArrayList;
import java.util.List;

import org.cgformer.structure.api.ParseIssue;
import org.cgformer.structure.io.internal.CifBlock.Value;
import org.cgformer.structure.io.internal.CifToken.Kind;

/**
 * Groups CIF tokens into data blocks of items and loops. Out-of-spec input is repaired where the
 * intent is clear and each repair recorded: values before any block are ignored, a tag without
 * value gets '?', a loop whose values do not fill its last row loses that row.
 */
final class CifParser {

    private final String file;
    private final List<CifToken> tokens;
    private final List<ParseIssue> issues;
    private final List<CifBlock> blocks = new ArrayList<>();
    private int next;

    private CifParser(String file, List<CifToken> tokens, List<ParseIssue> issues) {
        this.file = file;
        this.tokens = tokens;
        this.issues = issues;
    }

    static List<CifBlock> parse(String file, String text, List<ParseIssue> issues) {
        CifParser parser = new CifParser(file, CifLexer.tokenize(file, text, issues), issues);
        parser.run();
        return parser.blocks;
    }

    private void run() {
        CifBlock block = null;
        while (next < tokens.size()) {
            CifToken token = tokens.get(next++);
            switch (token.kind()) {
                case DATA -> {
                    block = new CifBlock(token.text(), token.line());
                    blocks.add(block);
                }
                case SAVE -> skipSaveFrame(token);
                case RESERVED -> warn(token, "'" + token.text() + "' is reserved in CIF and ignored");
                default -> {
                    if (block == null) {
                        warn(token, "'" + shorten(token.text()) + "' before the first data_ block is ignored");
                    } else if (token.kind() == Kind.LOOP) {
                        loop(block, token);
                    } else if (token.kind() == Kind.TAG) {
                        item(block, token);
                    } else {
                        warn(token, "value '" + shorten(token.text()) + "' without a tag is ignored");
                    }
                }
            }
        }
    }

    private void item(CifBlock block, CifToken tag) {
        if (next < tokens.size() && tokens.get(next).isValue()) {
            CifToken value = tokens.get(next++);
            block.put(tag.text(), tag.line(), List.of(value(value)));
        } else {
            warn(tag, "tag " + tag.text() + " has no value; read as '?'");
            block.put(tag.text(), tag.line(), List.of(new Value("?", tag.line(), false)));
        }
    }

    private void loop(CifBlock block, CifToken loop) {
        List<CifToken> tags = new ArrayList<>();
        while (next < tokens.size() && tokens.get(next).kind() == Kind.TAG) {
            tags.add(tokens.get(next++));
        }
        List<CifToken> values = new ArrayList<>();
        while (next < tokens.size() && tokens.get(next).isValue()) {
            values.add(tokens.get(next++));
        }
        if (tags.isEmpty()) {
            warn(loop, "loop_ without tags is ignored");
            return;
        }
        if (values.isEmpty()) {
            warn(loop, "loop_ of " + tags.get(0).text() + " has no values");
        }
        int rows = values.size() / tags.size();
        if (values.size() % tags.size() != 0) {
            CifToken first = values.get(rows * tags.size());
            issues.add(ParseIssue.warning(file, first.line(), "loop_ of " + tags.get(0).text() + " has " + values.size()
                    + " values for " + tags.size() + " tags; the incomplete last row is dropped"));
        }
        for (int t = 0; t < tags.size(); t++) {
            List<Value> column = new ArrayList<>(rows);
            for (int r = 0; r < rows; r++) {
                column.add(value(values.get(r * tags.size() + t)));
            }
            block.put(tags.get(t).text(), tags.get(t).line(), column);
        }
    }

    /** Save frames hold dictionary definitions, not structures. */
    private void skipSaveFrame(CifToken open) {
        if (open.text().isEmpty()) {
            return;
        }
        warn(open, "save frame 'save_" + open.text() + "' is ignored");
        while (next < tokens.size()) {
            CifToken token = tokens.get(next++);
            if (token.kind() == Kind.SAVE && token.text().isEmpty() || token.kind() == Kind.DATA) {
                if (token.kind() == Kind.DATA) {
                    next--;
                }
                return;
            }
        }
    }

    private static Value value(CifToken token) {
        return new Value(token.text(), token.line(), token.kind() == Kind.QUOTED);
    }

    private void warn(CifToken token, String message) {
        issues.add(ParseIssue.warning(file, token.line(), message));
    }

    static String shorten(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= 40 ? oneLine : oneLine.substring(0, 37) + "...";
    }
}
