package org.cgformer.ui.structure.internal;

import java.util.regex.Pattern;

import org.eclipse.jface.text.TextAttribute;
import org.eclipse.jface.text.rules.EndOfLineRule;
import org.eclipse.jface.text.rules.ICharacterScanner;
import org.eclipse.jface.text.rules.IRule;
import org.eclipse.jface.text.rules.IToken;
import org.eclipse.jface.text.rules.RuleBasedScanner;
import org.eclipse.jface.text.rules.SingleLineRule;
import org.eclipse.jface.text.rules.Token;
import org.eclipse.jface.text.rules.WhitespaceRule;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;

/**
 * Colours CIF text (and the numbers of POSCAR files): comments, the reserved words {@code data_},
 * {@code loop_}, {@code save_}, {@code global_}, {@code stop_}, tags ({@code _cell_length_a}), quoted
 * strings, numbers with their standard uncertainty ({@code 9.1863(5)}) and other values.
 */
final class CrystalScanner extends RuleBasedScanner {

    /** CIF numbers: optional sign, digits with a point or exponent, optional su in brackets. */
    static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?(\\(\\d+\\))?");

    /** What a word of CIF text is, for colouring. */
    enum Kind {
        RESERVED, TAG, NUMBER, VALUE
    }

    CrystalScanner() {
        IToken comment = token(new Color(63, 127, 95), SWT.ITALIC);
        IToken string = token(new Color(42, 0, 255), SWT.NORMAL);
        IToken reserved = token(new Color(127, 0, 85), SWT.BOLD);
        IToken tag = token(new Color(0, 80, 160), SWT.NORMAL);
        IToken number = token(new Color(150, 90, 0), SWT.NORMAL);
        IToken value = token(new Color(0, 0, 0), SWT.NORMAL);
        setRules(new IRule[] {
            new EndOfLineRule("#", comment),
            new SingleLineRule("'", "'", string),
            new SingleLineRule("\"", "\"", string),
            new WhitespaceRule(Character::isWhitespace),
            new WordRule(reserved, tag, number, value) });
        setDefaultReturnToken(value);
    }

    /** Classifies one whitespace-delimited word. */
    static Kind classify(String word) {
        String lower = word.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("data_") || lower.startsWith("save_") || lower.equals("loop_") || lower.equals("global_")
                || lower.equals("stop_")) {
            return Kind.RESERVED;
        }
        if (word.startsWith("_")) {
            return Kind.TAG;
        }
        if (NUMBER.matcher(word).matches()) {
            return Kind.NUMBER;
        }
        return Kind.VALUE;
    }

    private static IToken token(Color colour, int style) {
        return new Token(new TextAttribute(colour, null, style));
    }

    /** Reads a run of non-blank characters and returns the token of its {@link Kind}. */
    private static final class WordRule implements IRule {

        private final IToken reserved;
        private final IToken tag;
        private final IToken number;
        private final IToken value;

        WordRule(IToken reserved, IToken tag, IToken number, IToken value) {
            this.reserved = reserved;
            this.tag = tag;
            this.number = number;
            this.value = value;
        }

        @Override
        public IToken evaluate(ICharacterScanner scanner) {
            StringBuilder word = new StringBuilder();
            int c = scanner.read();
            while (c != ICharacterScanner.EOF && !Character.isWhitespace(c)) {
                word.append((char) c);
                c = scanner.read();
            }
            scanner.unread();
            if (word.isEmpty()) {
                return Token.UNDEFINED;
            }
            return switch (classify(word.toString())) {
                case RESERVED -> reserved;
                case TAG -> tag;
                case NUMBER -> number;
                case VALUE -> value;
            };
        }
    }
}
