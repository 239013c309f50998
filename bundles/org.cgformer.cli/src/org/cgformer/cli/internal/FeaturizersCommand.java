package org.cgformer.cli.internal;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.cgformer.cli.api.CommandLineRunner;
import org.cgformer.graph.api.FeatureColumn;
import org.cgformer.graph.api.Featurizer;
import org.cgformer.graph.api.FeaturizerRegistry;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cgformer featurizers}: the installed featurizer services. */
@Command(name = "featurizers", mixinStandardHelpOptions = true,
        description = {"List the installed featurizers (services of any bundle): name, version, bundle and the numbers "
                + "of node (F), edge (E) and graph (G) feature columns.",
            "Use one with 'cgformer featurize DIR --featurizer NAME[@VERSION] -o OUT'."})
public class FeaturizersCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--columns", description = "Also describe every feature column.")
    boolean columns;

    @Option(names = "--json", description = "Print a JSON array instead of a table.")
    boolean json;

    private final FeaturizerRegistry registry;

    FeaturizersCommand(FeaturizerRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Integer call() throws JsonProcessingException {
        PrintWriter out = spec.commandLine().getOut();
        List<Featurizer> featurizers = registry.featurizers();
        if (json) {
            List<Map<String, Object>> entries = new ArrayList<>();
            featurizers.forEach(f -> entries.add(toJson(f)));
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(entries));
            return CommandLineRunner.OK;
        }
        if (featurizers.isEmpty()) {
            out.println("no featurizers installed");
            return CommandLineRunner.OK;
        }
        out.printf(Locale.ROOT, "%-16s %-8s %-40s %4s %4s %4s  %s%n", "NAME", "VERSION", "BUNDLE", "F", "E", "G", "DESCRIPTION");
        for (Featurizer f : featurizers) {
            out.printf(Locale.ROOT, "%-16s %-8s %-40s %4d %4d %4d  %s%n", f.name(), f.version(), bundle(f),
                    f.nodeColumns().size(), f.edgeColumns().size(), f.graphColumns().size(), f.description());
            if (columns) {
                printColumns(out, "node", f.nodeColumns());
                printColumns(out, "edge", f.edgeColumns());
                printColumns(out, "graph", f.graphColumns());
            }
        }
        return CommandLineRunner.OK;
    }

    private static void printColumns(PrintWriter out, String kind, List<FeatureColumn> columns) {
        for (int k = 0; k < columns.size(); k++) {
            out.printf(Locale.ROOT, "    %-5s %3d %-22s %s%n", kind, k, columns.get(k).name(), columns.get(k).description());
        }
    }

    private Map<String, Object> toJson(Featurizer f) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", f.name());
        entry.put("version", f.version());
        entry.put("bundle", bundle(f));
        entry.put("description", f.description());
        entry.put("nodeColumns", f.nodeColumns().size());
        entry.put("edgeColumns", f.edgeColumns().size());
        entry.put("graphColumns", f.graphColumns().size());
        if (columns) {
            entry.put("columns", Map.of("node", f.nodeColumns(), "edge", f.edgeColumns(), "graph", f.graphColumns()));
        }
        return entry;
    }

    /** Symbolic name and version of the bundle that provides the featurizer. */
    static String bundle(Featurizer featurizer) {
        Bundle bundle = FrameworkUtil.getBundle(featurizer.getClass());
        return bundle == null ? "(not from a bundle)" : bundle.getSymbolicName() + " " + bundle.getVersion();
    }
}
