package org.cgformer.structure.io.internal;

/** A block that cannot give a structure, with the line to blame (0 for the block as a whole). */
final class CifDataException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int line;

    CifDataException(int line, String message) {
        super(message);
        this.line = line;
    }

    int line() {
        return line;
    }
}
