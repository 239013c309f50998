package org.cgformer.api.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import aQute.bnd.differ.Baseline;
import aQute.bnd.differ.DiffPluginImpl;
import aQute.bnd.header.Attrs;
import aQute.bnd.header.Parameters;
import aQute.bnd.osgi.Analyzer;
import aQute.bnd.osgi.Clazz;
import aQute.bnd.osgi.Descriptors;
import aQute.bnd.osgi.Instructions;
import aQute.bnd.osgi.Jar;
import aQute.bnd.osgi.Processor;
import aQute.bnd.service.diff.Delta;
import aQute.bnd.service.diff.Diff;
import aQute.bnd.service.diff.Tree;
import aQute.bnd.service.diff.Type;
import aQute.bnd.version.Version;

/**
 * Semantic versioning of one exported API package, checked with bnd's baseline: the package's API tree (every
 * public and protected class, method, field and their signatures, as bnd's differ sees them) is kept as a text
 * snapshot ({@code baseline/PACKAGE.api}, one node per line, diff-friendly) with the package version it was
 * released as. A build's jar is compared with the snapshot: bnd says which version the changes need (removed or
 * changed signatures: next major; additions: next minor) and a package whose Export-Package version is lower fails.
 *
 * <p>The tree holds what the bundle's own types declare, and of their supertypes only those in the same jar and the
 * JDK's: bnd adds the members a type inherits from every supertype it can find, and it looks for those outside the jar
 * on the test JVM's class path, which differs between a full build and a single-module run. A package whose blocks
 * extend DJL's {@code AbstractBlock} would get DJL's members in one layout and not in the other; here it never does, in
 * any layout ({@link OwnTypesAnalyzer}).
 *
 * <p>Snapshot format: a header {@code # package NAME}, {@code # bundle SYMBOLIC-NAME}, {@code # version V}, then one
 * line per tree node: two spaces per depth, {@code TYPE ADD REMOVE NAME} (bnd's node type, the version deltas an
 * addition or removal of the node means, its name).
 */
final class ApiBaseline {

    /** A package whose version is too low for its changes. */
    record Problem(String packageName, Version baseline, Version exported, Version needed, String changes) {
        @Override
        public String toString() {
            return packageName + " " + exported + " is not enough: compared with the baseline " + baseline + " it needs " + needed
                    + " for these changes:\n" + changes;
        }
    }

    /** What a snapshot holds. */
    record Snapshot(String packageName, String bundle, Version version, Tree.Data api) {
    }

    private final DiffPluginImpl differ = new DiffPluginImpl();

    /** The jar of bundle {@code symbolicName} in {@code folder} ({@code NAME_VERSION.jar}). */
    static Path bundleJar(Path folder, String symbolicName) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> jars = files.filter(p -> p.getFileName().toString().startsWith(symbolicName + "_")
                    && p.getFileName().toString().endsWith(".jar")).sorted().toList();
            if (jars.size() != 1) {
                throw new IOException("expected one jar of bundle " + symbolicName + " in " + folder + ", found " + jars);
            }
            return jars.get(0);
        }
    }

    /** The snapshot of {@code packageName} as exported by {@code jar} now. */
    Snapshot snapshot(Path jar, String packageName) throws Exception {
        try (Jar bundle = new Jar(jar.toFile())) {
            Manifest manifest = bundle.getManifest();
            String bsn = manifest.getMainAttributes().getValue("Bundle-SymbolicName").split(";")[0].strip();
            Version version = exportedVersion(bundle, packageName, jar);
            try (Analyzer analyzer = new OwnTypesAnalyzer(bundle)) {
                return new Snapshot(packageName, bsn, version, prune(differ.tree(analyzer).serialize(), packageName, bsn));
            }
        }
    }

    /**
     * An analyzer that finds the classes of its jar and the JDK's and no others: bnd's view of a type's inherited members
     * then depends on the jar and the JDK alone, not on what the class path of the JVM running it happens to hold.
     */
    static final class OwnTypesAnalyzer extends Analyzer {

        OwnTypesAnalyzer(Jar jar) throws Exception {
            super(jar);
        }

        @Override
        public Clazz findClass(Descriptors.TypeRef type) throws Exception {
            boolean ownOrJdk = getJar().getResource(type.getPath()) != null
                    || ClassLoader.getPlatformClassLoader().getResource(type.getPath()) != null;
            return ownOrJdk ? super.findClass(type) : null;
        }
    }

    /**
     * Compares {@code jar} with the snapshot.
     *
     * @return the problem, or null when the exported version covers the changes
     */
    Problem check(Path jar, Snapshot baseline) throws Exception {
        Snapshot now = snapshot(jar, baseline.packageName());
        Tree newer = differ.deserialize(now.api());
        Tree older = differ.deserialize(baseline.api());
        Processor reporter = new Processor();
        Baseline bnd = new Baseline(reporter, differ);
        Parameters newerExports = exports(now);
        Parameters olderExports = exports(baseline);
        for (Baseline.Info info : bnd.baseline(newer, newerExports, older, olderExports, new Instructions(baseline.packageName()))) {
            if (info.packageName.equals(baseline.packageName()) && now.version().compareTo(info.suggestedVersion) < 0) {
                return new Problem(info.packageName, baseline.version(), now.version(), info.suggestedVersion, changes(info.packageDiff));
            }
        }
        if (!reporter.getErrors().isEmpty()) {
            throw new IllegalStateException("bnd baseline of " + baseline.packageName() + " reported " + reporter.getErrors());
        }
        return null;
    }

    private static Parameters exports(Snapshot s) {
        Parameters p = new Parameters();
        Attrs attrs = new Attrs();
        attrs.put("version", s.version().toString());
        p.put(s.packageName(), attrs);
        return p;
    }

    private static Version exportedVersion(Jar bundle, String packageName, Path jar) throws Exception {
        String header = bundle.getManifest().getMainAttributes().getValue("Export-Package");
        Attrs attrs = header == null ? null : new Parameters(header).get(packageName);
        if (attrs == null || attrs.getVersion() == null) {
            throw new IllegalStateException(jar.getFileName() + " does not export " + packageName + " with a version");
        }
        return Version.parseVersion(attrs.getVersion());
    }

    /** The bundle's tree reduced to {@code <api>} and the one package (the rest of the bundle is not API). */
    private static Tree.Data prune(Tree.Data root, String packageName, String bsn) {
        Tree.Data bundle = copy(root);
        bundle.name = bsn;
        List<Tree.Data> children = new ArrayList<>();
        for (Tree.Data child : root.children) {
            if (child.name.equals("<api>")) {
                Tree.Data api = copy(child);
                api.children = Arrays.stream(child.children).filter(p -> p.name.equals(packageName)).toArray(Tree.Data[]::new);
                children.add(api);
            }
        }
        bundle.children = children.toArray(Tree.Data[]::new);
        return bundle;
    }

    private static Tree.Data copy(Tree.Data d) {
        Tree.Data c = new Tree.Data();
        c.name = d.name;
        c.type = d.type;
        c.add = d.add;
        c.rem = d.rem;
        c.comment = d.comment;
        c.children = new Tree.Data[0];
        return c;
    }

    /** The changed, added and removed members, one per line (at most 40 lines). */
    private static String changes(Diff diff) {
        List<String> lines = new ArrayList<>();
        collect(diff, "", lines);
        if (lines.size() > 40) {
            int more = lines.size() - 40;
            lines = new ArrayList<>(lines.subList(0, 40));
            lines.add("  … and " + more + " more");
        }
        return String.join("\n", lines);
    }

    private static void collect(Diff diff, String indent, List<String> lines) {
        Delta delta = diff.getDelta();
        if (delta == Delta.UNCHANGED || delta == Delta.IGNORED) {
            return;
        }
        boolean leaf = delta == Delta.ADDED || delta == Delta.REMOVED || diff.getChildren().isEmpty();
        if (leaf || diff.getType() == Type.CLASS || diff.getType() == Type.INTERFACE) {
            lines.add("  " + indent + delta + " " + diff.getType() + " " + diff.getName());
        }
        if (!leaf) {
            for (Diff child : diff.getChildren()) {
                collect(child, indent + (diff.getType() == Type.CLASS || diff.getType() == Type.INTERFACE ? "  " : ""), lines);
            }
        }
    }

    // --- snapshot files

    static void write(Snapshot s, Path file) throws IOException {
        StringBuilder text = new StringBuilder();
        text.append("# API baseline of an exported package, compared by tests/org.cgformer.api.tests (bnd baseline).\n");
        text.append("# Refresh after a release: ./build verify -Dcgformer.api.baseline.update=true\n");
        text.append("# package ").append(s.packageName()).append('\n');
        text.append("# bundle ").append(s.bundle()).append('\n');
        text.append("# version ").append(s.version()).append('\n');
        writeNode(s.api(), 0, text);
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static void writeNode(Tree.Data node, int depth, StringBuilder text) {
        text.append("  ".repeat(depth)).append(node.type).append(' ').append(node.add).append(' ').append(node.rem).append(' ')
                .append(node.name).append('\n');
        for (Tree.Data child : node.children) {
            writeNode(child, depth + 1, text);
        }
    }

    /** Reads a snapshot file; errors name the file and line. */
    static Snapshot read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String packageName = null;
        String bundle = null;
        Version version = null;
        List<Tree.Data> stack = new ArrayList<>();
        Tree.Data root = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String where = file.getFileName() + ":" + (i + 1) + ": ";
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("# package ")) {
                packageName = line.substring(10).strip();
            } else if (line.startsWith("# bundle ")) {
                bundle = line.substring(9).strip();
            } else if (line.startsWith("# version ")) {
                version = Version.parseVersion(line.substring(10).strip());
            } else if (!line.startsWith("#")) {
                int spaces = line.length() - line.stripLeading().length();
                if (spaces % 2 != 0) {
                    throw new IOException(where + "indentation must be a multiple of two spaces");
                }
                int depth = spaces / 2;
                String[] parts = line.strip().split(" ", 4);
                if (parts.length != 4) {
                    throw new IOException(where + "expected 'TYPE ADD REMOVE NAME', got '" + line.strip() + "'");
                }
                Tree.Data node = new Tree.Data();
                try {
                    node.type = Type.valueOf(parts[0]);
                    node.add = Delta.valueOf(parts[1]);
                    node.rem = Delta.valueOf(parts[2]);
                } catch (IllegalArgumentException e) {
                    throw new IOException(where + e.getMessage(), e);
                }
                node.name = parts[3];
                node.children = new Tree.Data[0];
                if (depth == 0) {
                    if (root != null) {
                        throw new IOException(where + "a second root node");
                    }
                    root = node;
                } else {
                    if (depth > stack.size()) {
                        throw new IOException(where + "indented deeper than its parent allows");
                    }
                    Tree.Data parent = stack.get(depth - 1);
                    parent.children = Arrays.copyOf(parent.children, parent.children.length + 1);
                    parent.children[parent.children.length - 1] = node;
                }
                while (stack.size() > depth) {
                    stack.remove(stack.size() - 1);
                }
                stack.add(node);
            }
        }
        if (packageName == null || bundle == null || version == null || root == null) {
            throw new IOException(file + ": needs '# package', '# bundle', '# version' and the API tree");
        }
        return new Snapshot(packageName, bundle, version, root);
    }
}
