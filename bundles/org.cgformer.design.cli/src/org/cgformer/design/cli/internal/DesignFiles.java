package org.cgformer.design.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import org.cgformer.design.api.DesignException;
import org.cgformer.design.structure.StructureGenerator;
import org.cgformer.design.model.DesignResults;
import org.cgformer.design.model.DesignSpace;
import org.cgformer.design.model.resource.DesignSpaceResources;
import org.cgformer.structure.api.Structure;
import org.cgformer.structure.api.StructureFormatException;
import org.cgformer.structure.api.StructureReader;
import org.eclipse.emf.common.util.Diagnostic;

/** Loading, checking and saving the files the design commands work on. */
final class DesignFiles {

    private DesignFiles() {
    }

    /** Loads and validates a design space; prints every problem and fails on errors. */
    static DesignSpace loadValid(Path file, PrintWriter err) throws IOException, DesignException {
        DesignSpace designSpace = DesignSpaceResources.loadDesignSpace(file);
        Diagnostic diagnostic = DesignSpaceResources.validate(designSpace);
        for (Diagnostic child : diagnostic.getChildren()) {
            err.println(file + ": " + (child.getSeverity() >= Diagnostic.ERROR ? "error: " : "warning: ") + child.getMessage());
        }
        if (diagnostic.getSeverity() >= Diagnostic.ERROR) {
            throw new DesignException(file + " is invalid (" + diagnostic.getChildren().size() + " problems above)");
        }
        return designSpace;
    }

    /** SHA-256 of the file's bytes, hex. */
    static String digest(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Results of an earlier funnel on {@code designSpaceFile}, checked to be from its current content. */
    static DesignResults loadCurrentResults(Path designSpaceFile, Path resultsFile) throws IOException, DesignException {
        if (!Files.isRegularFile(resultsFile)) {
            throw new DesignException("no results in " + resultsFile + ": run 'cgformer design funnel " + designSpaceFile + "' first");
        }
        DesignResults results = DesignSpaceResources.loadResults(resultsFile);
        if (!digest(designSpaceFile).equals(results.getDesignSpaceDigest())) {
            throw new DesignException(designSpaceFile + " changed since the funnel wrote " + resultsFile
                    + ": run 'cgformer design funnel " + designSpaceFile + "' again");
        }
        return results;
    }

    /** The design space's host structure, read with the installed structure readers. */
    static StructureGenerator generator(DesignSpace designSpace, List<StructureReader> readers, StructureGenerator.Cell cell)
            throws IOException, StructureFormatException, DesignException {
        Structure host = StructureReader.readFile(readers, DesignSpaceResources.hostStructurePath(designSpace)).structure();
        return new StructureGenerator(designSpace, host, cell);
    }

    static Path resultsFile(Path designSpaceFile, Path option) {
        return option != null ? option : DesignSpaceResources.resultsFileFor(designSpaceFile);
    }
}
