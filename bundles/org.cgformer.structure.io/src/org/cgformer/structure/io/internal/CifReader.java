package org.cgformer.structure.io.internal;

import java.util.ArrayList;
import java.util.List;

import org.cgformer.structure.api.ParseIssue;
import org.cgformer.structure.api.ReadResult;
import org.cgformer.structure.api.ReadResult.NamedStructure;
import org.cgformer.structure.api.StructureException;
import org.cgformer.structure.api.StructureFormatException;
import org.cgformer.structure.api.StructureReader;

/**
 * Reads CIF files (CIF 1.1 and the common CIF 2.0 cases). Each data block that describes a
 * structure gives one; a block that cannot is reported as an error issue and the others are still
 * read (pymatgen's get_structures). The file fails only when no block gives a structure.
 */
public class CifReader implements StructureReader {

    /** Bytes that never occur in text: a file holding them is not a CIF. */
    /** Every marker of {@link #BINARY_MARKERS} is below this: text characters skip the search. */
    private static final char FIRST_TEXT_CONTROL = '\u0010';
    private static final String BINARY_MARKERS = "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000e\u000f";

    @Override
    public String formatName() {
        return "CIF";
    }

    @Override
    public List<String> extensions() {
        return List.of("cif", "mcif");
    }

    @Override
    public boolean canRead(String fileName) {
        return extensions().contains(StructureReader.extension(fileName));
    }

    @Override
    public ReadResult read(String fileName, String content) throws StructureFormatException {
        List<ParseIssue> issues = new ArrayList<>();
        rejectBinary(fileName, content, issues);
        List<CifBlock> blocks = CifParser.parse(fileName, content, issues);
        if (blocks.isEmpty()) {
            throw new StructureFormatException(fileName, 1, "no data_ block: this is not a CIF file", issues);
        }
        List<NamedStructure> structures = new ArrayList<>();
        ParseIssue firstError = null;
        for (CifBlock block : blocks) {
            try {
                structures.add(new CifStructureBuilder(fileName, block, issues).build());
            } catch (CifDataException | StructureException e) {
                int line = e instanceof CifDataException d ? d.line() : block.line();
                ParseIssue error = ParseIssue.error(fileName, line, e.getMessage());
                issues.add(error);
                firstError = firstError == null ? error : firstError;
            }
        }
        if (structures.isEmpty()) {
            throw new StructureFormatException(firstError, issues);
        }
        return new ReadResult(fileName, structures, issues);
    }

    private static void rejectBinary(String fileName, String content, List<ParseIssue> issues)
            throws StructureFormatException {
        int line = 1;
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            if (c == '\n') {
                line++;
            } else if (c < FIRST_TEXT_CONTROL && BINARY_MARKERS.indexOf(c) >= 0) {
                throw new StructureFormatException(fileName, line, String.format(
                        "binary data (character U+%04X): this is not a text CIF file", (int) c), issues);
            }
        }
    }
}
