package org.cgformer.api.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
     * API package → bundle exporting it: every package an {@code org.cgformer.*} bundle of the batch runtime exports
     * for everyone (not {@code x-internal}, not {@code x-friends}, not an {@code internal} package), read from the
     * bundles' manifests, so a new API package is checked from its first build (and fails until it has a snapshot).
     * Third-party packages re-exported by the DJL bundle ({@code ai.djl.*}) are not ours to version, and
     * {@link #UNCHECKED} packages are left out for the reason given there.
     */
    /**
     * Packages whose types extend another bundle's classes (DJL's blocks, EMF's objects): bnd's view of their
     * inherited members depends on which of those classes it can see when it takes the snapshot, so the check fails or
     * passes with the build's layout rather than with the code. Their compatibility rests on other means, named here.
     */
    static final Map<String, String> UNCHECKED = Map.of(
            "org.cgformer.model.djl", "DJL blocks and training; parameter files carry VersionedBlock encoding versions (ModelTrainingTest)",
            "org.cgformer.model.cgcnn.nn", "DJL blocks; parameter files carry VersionedBlock encoding versions (ModelTrainingTest)",
            "org.cgformer.model.cgformer.nn", "DJL blocks; parameter files carry VersionedBlock encoding versions",
            "org.cgformer.model.schnet.nn", "DJL blocks; parameter files carry VersionedBlock encoding versions",
            "org.cgformer.design.model", "EMF-generated from designspace.ecore; its nsURI and the file format version are the contract",
            "org.cgformer.design.model.impl", "EMF-generated implementation classes",
            "org.cgformer.design.model.util", "EMF-generated switch and adapter factory",
            "org.cgformer.design.model.validation", "EMF validator over the generated model");

    static Map<String, String> apiPackages() throws IOException {
        Map<String, String> packages = new java.util.TreeMap<>();
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
                        if (name.startsWith("org.cgformer.") && !name.contains("internal") && !restricted && !UNCHECKED.containsKey(name)) {
                            packages.put(name, bsn);
                        }
                    }
                }
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
        Path src = folder.resolve("src").resolve(className.replace('.', '/') + ".java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, source);
        Path out = Files.createDirectories(folder.resolve("classes"));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        assertNotNull(compiler, "the tests need a JDK (javax.tools)");
        int code = compiler.run(null, null, null, "--release", "21", "-d", out.toString(), src.toString());
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
