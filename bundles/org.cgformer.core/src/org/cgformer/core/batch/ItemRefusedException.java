package org.cgformer.core.batch;

/**
 * Bad input: one item of a batch cannot be processed, for a reason that lies in the item itself (a file that does not
 * parse, a structure without a migration path). The batch records the item with this message and goes on. Anything else
 * a task throws is a bug and fails the whole batch (see {@link BatchFailedException}).
 */
public class ItemRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param reason why the item is refused, naming the problem (e.g. {@code x.cif:12: _cell_length_a '1e308' is not finite}) */
    public ItemRefusedException(String reason) {
        super(reason);
    }

    /** @param cause the data problem found (kept for {@code --debug} traces; its message is usually the reason) */
    public ItemRefusedException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
