package org.cgformer.structure.api;

/**
 * One problem found while reading a structure file, located by file and line. Warnings record a
 * repair or reinterpretation (the file was still read); errors explain why something was refused.
 *
 * @param severity how bad it is
 * @param file the file name as the user gave it (or a description of the source)
 * @param line 1-based line number, or 0 when the issue concerns the whole file
 * @param message what was found, quoting the offending text
 */
public record ParseIssue(Severity severity, String file, int line, String message) {

    /** How bad an issue is. */
    public enum Severity {
        /** The input was repaired or reinterpreted; the result is still usable. */
        WARNING,
        /** The input (or part of it) could not be used. */
        ERROR
    }

    public static ParseIssue warning(String file, int line, String message) {
        return new ParseIssue(Severity.WARNING, file, line, message);
    }

    public static ParseIssue error(String file, int line, String message) {
        return new ParseIssue(Severity.ERROR, file, line, message);
    }

    /** {@code NaCl.cif:42: _atom_site_occupancy '1.2x' is not a number} (warnings say so). */
    @Override
    public String toString() {
        String where = line > 0 ? file + ":" + line : file;
        return where + ": " + (severity == Severity.WARNING ? "warning: " : "") + message;
    }
}
