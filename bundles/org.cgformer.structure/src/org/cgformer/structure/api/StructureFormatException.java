package org.cgformer.structure.api;

import java.util.List;

/**
 * A file that yielded no structure. The message names the file and the line of the first error,
 * e.g. {@code NaCl.cif:42: _atom_site_fract_x '0.2x' is not a number}; {@link #issues()} holds all
 * problems found on the way.
 */
public class StructureFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final transient List<ParseIssue> issues;

    public StructureFormatException(String file, int line, String message, List<ParseIssue> issues) {
        super(line > 0 ? file + ":" + line + ": " + message : file + ": " + message);
        this.file = file;
        this.line = line;
        this.issues = List.copyOf(issues);
    }

    public StructureFormatException(ParseIssue error, List<ParseIssue> issues) {
        this(error.file(), error.line(), error.message(), issues);
    }

    /** The file as named by the caller. */
    public String file() {
        return file;
    }

    /** 1-based line of the error, 0 when it concerns the whole file. */
    public int line() {
        return line;
    }

    /** Every warning and error recorded while reading. */
    public List<ParseIssue> issues() {
        return issues;
    }
}
