package org.cgformer.structure.io.internal;

/** One token of a CIF file with the line it starts on. */
record CifToken(Kind kind, String text, int line) {

    enum Kind {
        /** {@code data_NAME}: text is NAME. */
        DATA,
        /** {@code loop_}. */
        LOOP,
        /** {@code save_NAME} or {@code save_}. */
        SAVE,
        /** {@code global_} or {@code stop_} (STAR keywords that CIF forbids). */
        RESERVED,
        /** {@code _tag}. */
        TAG,
        /** Unquoted value. */
        VALUE,
        /** Quoted value or text field: never a keyword, never '?' or '.'. */
        QUOTED
    }

    boolean isValue() {
        return kind == Kind.VALUE || kind == Kind.QUOTED;
    }
}
