package org.cgformer.api.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exported API packages a lab's bundle programs against keep semantic versions: each is compared with its
 * committed baseline ({@code baseline/PACKAGE.api}); removing or changing a signature without a major bump, or
 * adding one without a minor bump, fails the build. The deliberate-break tests show the check does fail.
 */
class ApiBaselineTest {

    /**
     * Exported packages left out of the check, with what guards their compatibility instead: the EMF-generated design-space
     * model, whose contract is the {@code .ecore}'s nsURI and the design-space file format version, not its Java
     * signatures. (Packages whose types extend another bundle's classes are checked like any other: snapshots hold only
     * what our own types declare, see {@link ApiBaseline.OwnTypesAnalyzer}.)
     */
    static final Map<String, String> UNCHECKED = Map.of(
            "org.cgformer.design.model", "EMF-generated from designspace.ecore; its nsURI and the file format version are the contract",
            "org.cgformer.design.model.impl", "EMF-generated implementation classes",
            "org.cgformer.design.model.util", "EMF-generated switch and adapter factory",
            "org.cgformer.design.model.validation", "EMF validator over the generated model");

    /** An exported package of one of our bundles, as its manifest says. */
    record Exported(String packageName, String bundle, String version) {
    }

    /**
     * Every package an {@code org.cgformer.*} bundle of the batch runtime exports for everyone (not {@code x-internal},
     * not {@code x-friends}, not an {@code internal} package), read from the bundles' manifests, by name. Third-party
     * packages re-exported by the DJL bundle ({@code ai.djl.*}) are not ours to version.
     */
    static Map<String, Exported> exportedPackages() throws IOException {
        Map<String, Exported> packages = new java.util.TreeMap<>();
        try (var jars = Files.list(bundles())) {
            for (Path jar : jars.filter(p -> p.getFileName().toString().startsWith("org.cgformer.")).toList()) {
                try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
                    Attributes main = in.getManifest().getMainAttributes();
                    String bsn = main.getValue("Bundle-SymbolicName").split(";")[0].strip();
                    String exports = main.getValue("Export-Package");
                    if (exports == null) {
                        continue;
                    }
                    for (Map.Entry<String, aQute.bnd.header.Attrs> e : new aQute.bnd.header.Parameters(exports).entrySet()) {
                        String name = e.getKey().replaceAll("~+$", ""); // bnd marks a repeated key with trailing ~
                        boolean restricted = e.getValue().containsKey("x-internal:") || e.getValue().containsKey("x-friends:");
                        if (name.startsWith("org.cgformer.") && !name.contains("internal") && !restricted) {
                            packages.put(name, new Exported(name, bsn, e.getValue().getVersion()));
                        }
                    }
                }
            }
        }
        return packages;
    }

    /**
     * API package → bundle exporting it: the {@link #exportedPackages()} less the {@link #UNCHECKED} ones, so a new API
     * package is checked from its first build (and fails until it has a snapshot).
     */
    static Map<String, String> apiPackages() throws IOException {
        Map<String, String> packages = new java.util.TreeMap<>();
        for (Exported e : exportedPackages().values()) {
            if (!UNCHECKED.containsKey(e.packageName())) {
                packages.put(e.packageName(), e.bundle());
            }
        }
        return packages;
    }

    private static Path bundles() {
        return Paths.get(System.getProperty("cgformer.api.bundles"));
    }

    private static Path baselineFolder() {
        return Paths.get(System.getProperty("cgformer.api.baseline"));
    }

    private static Path baselineFile(String packageName) {
        return baselineFolder().resolve(packageName + ".api");
    }

    @Test
    void exportedApiPackagesAreVersionedForTheirChanges() throws Exception {
        ApiBaseline baseline = new ApiBaseline();
        boolean update = Boolean.getBoolean("cgformer.api.baseline.update");
        List<String> problems = new ArrayList<>();
        Map<String, String> packages = apiPackages();
        assertTrue(packages.keySet().containsAll(List.of("org.cgformer.structure.api", "org.cgformer.ml.training",
                "org.cgformer.design.api", "org.cgformer.screening.api")), "found " + packages.keySet());
        for (Map.Entry<String, String> e : packages.entrySet()) {
            Path jar = ApiBaseline.bundleJar(bundles(), e.getValue());
            Path file = baselineFile(e.getKey());
            if (update) {
                Files.createDirectories(file.getParent());
                ApiBaseline.write(baseline.snapshot(jar, e.getKey()), file);
                continue;
            }
            if (!Files.isRegularFile(file)) {
                problems.add("no baseline " + file + " for " + e.getKey() + "; create it with ./build verify -Dcgformer.api.baseline.update=true");
                continue;
            }
            ApiBaseline.Problem problem = baseline.check(jar, ApiBaseline.read(file));
            if (problem != null) {
                problems.add(problem + "\nSet version=\"" + problem.needed() + "\" for " + problem.packageName()
                        + " in Export-Package of bundles/" + e.getValue() + "/META-INF/MANIFEST.MF (and widen the import ranges of its users"
                        + " for a major change).");
            }
        }
        if (!problems.isEmpty()) {
            fail(String.join("\n\n", problems));
        }
    }

    @Test
    void everyApiAndNnPackageIsChecked() throws Exception {
        Map<String, String> checked = apiPackages();
        assertTrue(checked.keySet().containsAll(List.of("org.cgformer.model.djl", "org.cgformer.model.cgcnn.nn",
                "org.cgformer.model.cgformer.nn", "org.cgformer.model.schnet.nn", "org.cgformer.djl.api")), "found " + checked.keySet());
        List<String> unchecked = exportedPackages().keySet().stream()
                .filter(p -> List.of(p.split("\\.")).stream().anyMatch(segment -> segment.equals("api") || segment.equals("nn")))
                .filter(p -> !checked.containsKey(p)).toList();
        assertEquals(List.of(), unchecked, "exported API and nn packages left out of the baseline check");
    }

    /**
     * docs/extending.md lists every exported package with the version its manifest gives it, in the table between
     * {@value #DOCS_BEGIN} and {@value #DOCS_END}; the table is generated from the manifests (refreshed with the
     * snapshots) and compared with them here, so the list cannot fall behind a version bump or a new package.
     */
    @Test
    void docsListEveryExportedPackageWithItsVersion() throws Exception {
        Path docs = Paths.get(System.getProperty("cgformer.api.docs"));
        String text = Files.readString(docs);
        int begin = text.indexOf(DOCS_BEGIN);
        int end = text.indexOf(DOCS_END);
        assertTrue(begin >= 0 && end > begin, docs + " needs a table between '" + DOCS_BEGIN + "' and '" + DOCS_END + "'");
        String table = packageTable(exportedPackages());
        String current = text.substring(text.indexOf('\n', begin) + 1, end);
        if (Boolean.getBoolean("cgformer.api.baseline.update")) {
            Files.writeString(docs, text.substring(0, text.indexOf('\n', begin) + 1) + table + text.substring(end));
            return;
        }
        assertEquals(table, current, docs + ": the package table differs from the bundles' manifests; refresh it with"
                + " ./build verify -Dcgformer.api.baseline.update=true");
    }

    static final String DOCS_BEGIN = "<!-- exported packages: generated from the manifests";
    static final String DOCS_END = "<!-- end of exported packages -->";

    /** The Markdown table of {@code packages}: name, version, bundle, and whether the baseline check covers it. */
    static String packageTable(Map<String, Exported> packages) {
        StringBuilder table = new StringBuilder("| package | version | bundle | API baseline |\n|---|---|---|---|\n");
        for (Exported e : packages.values()) {
            String reason = UNCHECKED.get(e.packageName());
            table.append("| `").append(e.packageName()).append("` | ").append(e.version()).append(" | `").append(e.bundle())
                    .append("` | ").append(reason == null ? "checked" : "not checked: " + reason).append(" |\n");
        }
        return table.toString();
    }

    /**
     * bnd adds to a type the members it inherits from every supertype bnd can find, also outside the jar on the JVM's
     * class path; snapshots must not: a type extending a class of the test's class path (bnd's {@code Processor}, as
     * DJL's {@code AbstractBlock} is on it in some build layouts) is snapshotted with its own members only.
     */
    @Test
    void snapshotsHoldOnlyWhatOurTypesDeclare(@TempDir Path folder) throws Exception {
        String processorPath = Paths.get(aQute.bnd.osgi.Processor.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        Path classes = compile(folder, "org.cgformer.probe.ProbeBlock", "package org.cgformer.probe;"
                + " public class ProbeBlock extends aQute.bnd.osgi.Processor { public int hiddenSize() { return 4; } }", processorPath);
        Path jar = folder.resolve("probe.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        manifest.getMainAttributes().putValue("Bundle-SymbolicName", "org.cgformer.probe");
        manifest.getMainAttributes().putValue("Export-Package", "org.cgformer.probe;version=\"1.0.0\"");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.putNextEntry(new JarEntry("org/cgformer/probe/ProbeBlock.class"));
            Files.copy(classes.resolve("org/cgformer/probe/ProbeBlock.class"), out);
            out.closeEntry();
        }
        Path file = folder.resolve("probe.api");
        ApiBaseline.write(new ApiBaseline().snapshot(jar, "org.cgformer.probe"), file);
        String snapshot = Files.readString(file);
        assertTrue(snapshot.contains("METHOD MINOR MAJOR hiddenSize()"), snapshot);
        assertTrue(snapshot.contains("aQute.bnd.osgi.Processor"), "the direct superclass is named: " + snapshot);
        assertFalse(snapshot.contains("getProperty("), "a member inherited from Processor, outside the jar: " + snapshot);
    }

    @Test
    void snapshotFilesRoundTrip(@TempDir Path folder) throws Exception {
        ApiBaseline baseline = new ApiBaseline();
        Path jar = ApiBaseline.bundleJar(bundles(), "org.cgformer.ml");
        ApiBaseline.Snapshot snapshot = baseline.snapshot(jar, "org.cgformer.ml.api");
        Path file = folder.resolve("ml.api");
        ApiBaseline.write(snapshot, file);
        ApiBaseline.Snapshot read = ApiBaseline.read(file);
        assertEquals("org.cgformer.ml.api", read.packageName());
        assertEquals("org.cgformer.ml", read.bundle());
        assertEquals(snapshot.version(), read.version());
        assertTrue(Files.readString(file).contains("org.cgformer.ml.api.PropertyModel"));
        assertNull(baseline.check(jar, read), "the jar the snapshot was taken from must match it");
    }

    @Test
    void rejectsAChangedSignatureWithoutAMajorBump(@TempDir Path folder) throws Exception {
        ApiBaseline baseline = new ApiBaseline();
        Path jar = ApiBaseline.bundleJar(bundles(), "org.cgformer.ml");
        ApiBaseline.Snapshot released = baseline.snapshot(jar, "org.cgformer.ml.api");
        // Cancellation.cancel() becomes cancel(String) and check()/isCancelled() disappear: a break for every caller
        Path classes = compile(folder, "org.cgformer.ml.api.Cancellation",
                "package org.cgformer.ml.api; public final class Cancellation { public void cancel(String reason) { } }");
        Path broken = rewrite(jar, folder.resolve("broken.jar"), classes, released.version().toString());
        ApiBaseline.Problem problem = baseline.check(broken, released);
        assertNotNull(problem, "a changed signature without a version bump must fail the check");
        assertEquals(2, problem.needed().getMajor(), problem.toString());
        assertTrue(problem.changes().contains("cancel()"), problem.toString());

        Path bumped = rewrite(jar, folder.resolve("bumped.jar"), classes, "2.0.0");
        assertNull(baseline.check(bumped, released), "with the major bump the same change is fine");
    }

    @Test
    void acceptsAnAdditionOnlyWithAMinorBump(@TempDir Path folder) throws Exception {
        ApiBaseline baseline = new ApiBaseline();
        Path jar = ApiBaseline.bundleJar(bundles(), "org.cgformer.graph");
        ApiBaseline.Snapshot released = baseline.snapshot(jar, "org.cgformer.graph.api");
        Path classes = compile(folder, "org.cgformer.graph.api.FeaturizerHints",
                "package org.cgformer.graph.api; public final class FeaturizerHints { public static int version() { return 1; } }");
        String v = released.version().toString();
        ApiBaseline.Problem problem = baseline.check(rewrite(jar, folder.resolve("same.jar"), classes, v), released);
        assertNotNull(problem, "a new class without a minor bump must fail the check");
        assertEquals(released.version().getMajor(), problem.needed().getMajor(), problem.toString());
        assertEquals(released.version().getMinor() + 1, problem.needed().getMinor(), problem.toString());
        String minor = released.version().getMajor() + "." + (released.version().getMinor() + 1) + ".0";
        assertNull(baseline.check(rewrite(jar, folder.resolve("minor.jar"), classes, minor), released), problem.toString());
    }

    /** Compiles one source file; returns the class output folder. */
    private static Path compile(Path folder, String className, String source) throws IOException {
        return compile(folder, className, source, null);
    }

    /** Compiles one source file against {@code classPath} (null: none); returns the class output folder. */
    private static Path compile(Path folder, String className, String source, String classPath) throws IOException {
        Path src = folder.resolve("src").resolve(className.replace('.', '/') + ".java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, source);
        Path out = Files.createDirectories(folder.resolve("classes"));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        assertNotNull(compiler, "the tests need a JDK (javax.tools)");
        List<String> arguments = new ArrayList<>(List.of("--release", "21", "-d", out.toString()));
        if (classPath != null) {
            arguments.addAll(List.of("-cp", classPath));
        }
        arguments.add(src.toString());
        int code = compiler.run(null, null, null, arguments.toArray(String[]::new));
        assertEquals(0, code, "compiling " + className);
        return out;
    }

    /**
     * A copy of {@code jar} with the classes of {@code classes} added or replaced and the exported version of their
     * package set to {@code version}.
     */
    private static Path rewrite(Path jar, Path target, Path classes, String version) throws IOException {
        List<Path> added;
        try (var files = Files.walk(classes)) {
            added = files.filter(p -> p.toString().endsWith(".class")).toList();
        }
        List<String> addedNames = added.stream().map(p -> classes.relativize(p).toString().replace('\\', '/')).toList();
        String packageName = addedNames.get(0).substring(0, addedNames.get(0).lastIndexOf('/')).replace('/', '.');
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
            Manifest manifest = new Manifest(in.getManifest());
            Attributes main = manifest.getMainAttributes();
            main.putValue("Export-Package", main.getValue("Export-Package")
                    .replaceAll(java.util.regex.Pattern.quote(packageName) + ";version=\"[^\"]*\"", packageName + ";version=\"" + version + "\""));
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(target), manifest)) {
                for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                    if (addedNames.contains(entry.getName())) {
                        continue;
                    }
                    out.putNextEntry(new JarEntry(entry.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
                for (int i = 0; i < added.size(); i++) {
                    out.putNextEntry(new JarEntry(addedNames.get(i)));
                    try (InputStream classFile = Files.newInputStream(added.get(i))) {
                        classFile.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
        }
        return target;
    }
}
