package org.cgformer.structure.api;

/**
 * A structure, lattice or composition that cannot exist as asked; the message quotes the values
 * (pymatgen's {@code StructureError}).
 */
public class StructureException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StructureException(String message) {
        super(message);
    }
}
