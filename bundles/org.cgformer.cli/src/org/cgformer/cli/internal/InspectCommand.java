package org.cgformer.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.cgformer.cli.api.CommandLineRunner;
import org.cgformer.structure.api.Element;
import org.cgformer.structure.api.ParseIssue;
import org.cgformer.structure.api.ReadResult;
import org.cgformer.structure.api.ReadResult.NamedStructure;
import org.cgformer.structure.api.Structure;
import org.cgformer.structure.api.StructureFormatException;
import org.cgformer.structure.api.StructureReader;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code cgformer inspect FILE|DIR…}: what each structure file holds after symmetry expansion.
 * Bad files are reported and skipped; the exit code is 1 when any file was refused.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Read structure files (CIF, POSCAR/CONTCAR…) and print, for each, the formula, the number of sites "
                + "after symmetry expansion, the composition, the lattice, volume, density and the space group as given.",
                "Folders are searched recursively. Files that cannot be read are reported with file and line; "
                        + "the others are still inspected (exit code 1 if any file was refused)."})
public class InspectCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "Structure files or folders of them.")
    List<Path> paths;

    @Option(names = "--json", description = "Print one JSON object keyed by path: sites, composition (element -> "
            + "atoms per cell, occupancy-weighted), volume, abc, angles, density; or error.")
    boolean json;

    @Option(names = "--warnings", description = "Also print the repairs and reinterpretations made while reading.")
    boolean warnings;

    @Option(names = "--strict", description = "Refuse a file whose reading recorded any warning (a repair, a "
            + "reinterpretation, overlapping sites…): the first warning becomes the error.")
    boolean strict;

    private final List<StructureReader> readers;

    InspectCommand(List<StructureReader> readers) {
        this.readers = readers;
    }

    /** One file's outcome: a result or the message saying why it was refused. */
    private record Outcome(Path file, ReadResult result, String error) {
    }

    @Override
    public Integer call() throws IOException {
        List<Outcome> outcomes = new ArrayList<>();
        for (Path file : StructureFiles.expand(paths, readers)) {
            outcomes.add(inspect(file));
        }
        if (json) {
            printJson(outcomes);
        } else {
            outcomes.forEach(this::printText);
        }
        long refused = outcomes.stream().filter(o -> o.error() != null).count();
        if (!json && outcomes.size() > 1) {
            spec.commandLine().getOut().printf("%d files: %d read, %d refused%n", outcomes.size(), outcomes.size() - refused,
                    refused);
        }
        return refused > 0 || outcomes.isEmpty() ? CommandLineRunner.FAILED : CommandLineRunner.OK;
    }

    private Outcome inspect(Path file) {
        try {
            return new Outcome(file, StructureReader.readFile(readers, file,
                    strict ? StructureReader.Strictness.STRICT : StructureReader.Strictness.LENIENT), null);
        } catch (IOException e) {
            return new Outcome(file, null, file + ": cannot read: " + e.getMessage());
        } catch (StructureFormatException e) {
            return new Outcome(file, null, e.getMessage());
        }
    }

    private void printText(Outcome outcome) {
        PrintWriter out = spec.commandLine().getOut();
        if (outcome.error() != null) {
            spec.commandLine().getErr().println("cgformer inspect: " + outcome.error());
            return;
        }
        for (NamedStructure named : outcome.result().structures()) {
            Structure s = named.structure();
            double[] p = s.lattice().parameters();
            out.println(outcome.file() + (outcome.result().structures().size() > 1 ? " [" + named.name() + "]" : ""));
            row(out, "formula", s.reducedFormula() + " (" + s.formula() + ")");
            row(out, "sites", s.size() + (s.isOrdered() ? "" : " (disordered)"));
            row(out, "composition", s.composition().formula());
            row(out, "lattice", String.format(Locale.ROOT, "a=%.4f b=%.4f c=%.4f Å  alpha=%.3f beta=%.3f gamma=%.3f°",
                    p[0], p[1], p[2], p[3], p[4], p[5]));
            row(out, "volume", String.format(Locale.ROOT, "%.4f Å^3", s.volume()));
            row(out, "density", String.format(Locale.ROOT, "%.4f g/cm^3", s.density()));
            row(out, "space group", named.spaceGroupAsGiven() + " (as given)");
        }
        List<ParseIssue> issues = outcome.result().issues();
        if (!issues.isEmpty()) {
            row(out, "warnings", issues.size() + (warnings ? "" : " (--warnings to list them)"));
            if (warnings) {
                issues.forEach(issue -> out.println("    " + issue));
            }
        }
    }

    private static void row(PrintWriter out, String key, String value) {
        out.printf("  %-12s %s%n", key, value);
    }

    private void printJson(List<Outcome> outcomes) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        for (Outcome outcome : outcomes) {
            ObjectNode entry = root.putObject(outcome.file().toString());
            if (outcome.error() != null) {
                entry.put("error", outcome.error());
                spec.commandLine().getErr().println("cgformer inspect: " + outcome.error());
            } else {
                fill(entry, outcome.result().structure());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(mapper.writeValueAsString(root));
        out.flush();
    }

    private static void fill(ObjectNode entry, Structure s) {
        entry.put("sites", s.size());
        ObjectNode composition = entry.putObject("composition");
        for (java.util.Map.Entry<Element, Double> e : s.composition().amounts().entrySet()) {
            composition.put(e.getKey().symbol(), e.getValue());
        }
        entry.put("volume", s.volume());
        ArrayNode abc = entry.putArray("abc");
        for (double v : s.lattice().abc()) {
            abc.add(v);
        }
        ArrayNode angles = entry.putArray("angles");
        for (double v : s.lattice().angles()) {
            angles.add(v);
        }
        entry.put("density", s.density());
    }
}
