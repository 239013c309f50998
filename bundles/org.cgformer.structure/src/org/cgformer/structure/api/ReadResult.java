package org.cgformer.structure.api;

import java.util.List;

/**
 * What a {@link StructureReader} got from one file: its structures (one per CIF data block that
 * yielded one) and the warnings recorded on the way (repairs, reinterpretations, skipped blocks).
 */
public record ReadResult(String file, List<NamedStructure> structures, List<ParseIssue> issues) {

    public ReadResult {
        structures = List.copyOf(structures);
        issues = List.copyOf(issues);
    }

    /**
     * A structure with the name the file gave it (CIF block name, POSCAR comment line) and the space
     * group as written in the file ({@code "P 1"} when none was given).
     */
    public record NamedStructure(String name, Structure structure, String spaceGroupAsGiven) {
    }

    /** The first structure of the file. */
    public Structure structure() {
        return structures.get(0).structure();
    }

    public NamedStructure first() {
        return structures.get(0);
    }
}
