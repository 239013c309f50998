package org.cgformer.batch.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runtime swapping in the Felix batch runtime: {@code cgformer shell} installs the SchNet model and rbf featurizer
 * bundles into a runtime that lacks them, lists them, trains SchNet for one epoch, stops the model bundle (gone from
 * {@code models}), and stops it again during a long training, which is cancelled with a message.
 */
class ExtensionShellTest {

    private static final Set<String> EXTENSION = Set.of("org.cgformer.model.schnet", "org.cgformer.graph.rbf");

    private static Path data(String relative) {
        return Paths.get(System.getProperty("cgformer.shared.data")).resolve(relative).toAbsolutePath();
    }

    @Test
    void installsTrainsAndStopsAModelBundleWithoutRestart(@TempDir Path folder) throws Exception {
        Path runtime = CgformerProcess.runtime().toAbsolutePath();
        Path home = runtimeWithout(folder.resolve("runtime"), runtime);
        Path schnet = bundleJar(runtime.resolve("bundles"), "org.cgformer.model.schnet");
        Path rbf = bundleJar(runtime.resolve("bundles"), "org.cgformer.graph.rbf");
        Path sample = data("structures/cgcnn_sample");
        Path once = folder.resolve("one-epoch");
        Path longRun = folder.resolve("cancelled");
        Path script = folder.resolve("swap.cgsh");
        Files.write(script, List.of(
                "# a lab adds its model at run time",
                "models",
                "featurizers",
                "install " + rbf,
                "install " + schnet,
                "start org.cgformer.graph.rbf",
                "start org.cgformer.model.schnet",
                "models",
                "featurizers",
                "train " + sample + " --model schnet --epochs 1 --batch-size 4 -o " + once,
                "stop org.cgformer.model.schnet",
                "models",
                "start org.cgformer.model.schnet",
                "train " + sample + " --model schnet --epochs 100000 --patience 0 --batch-size 4 -o " + longRun + " &",
                "sleep 8",
                "stop org.cgformer.model.schnet",
                "wait",
                "models"));
        CgformerProcess.Result result = CgformerProcess.runIn(home, "cache-shell", "shell", script.toString());
        List<String> sections = sections(result.out());
        assertEquals(17, sections.size(), result.toString());
        assertFalse(sections.get(0).contains("\nschnet "), "not installed yet\n" + result);
        assertFalse(sections.get(1).contains("\nrbf "), "not installed yet\n" + result);
        assertTrue(sections.get(2).contains("installed") && sections.get(2).contains("org.cgformer.graph.rbf"), result.toString());
        assertTrue(sections.get(5).contains("started") && sections.get(5).contains("(active)"), result.toString());
        assertTrue(sections.get(6).contains("\nschnet ") && sections.get(6).contains("\"interactions\":3"), "listed after start\n" + result);
        assertTrue(sections.get(7).contains("\nrbf ") && sections.get(7).contains("org.cgformer.graph.rbf"), result.toString());
        assertTrue(sections.get(8).contains("schnet model in"), "1-epoch training\n" + result);
        assertTrue(Files.isRegularFile(once.resolve("model.json")), result.toString());
        assertTrue(result.err().contains("epoch 1/1"), result.toString());
        assertFalse(sections.get(10).contains("\nschnet "), "gone after stop\n" + result);
        assertTrue(sections.get(10).contains("cgformer "), result.toString());
        assertTrue(result.err().contains("training of model 'schnet' cancelled: model 'schnet' went away: bundle org.cgformer.model.schnet"),
                "cancelled with a message\n" + result);
        assertTrue(result.out().contains("[1] failed: train"), result.toString());
        assertFalse(Files.exists(longRun.resolve("model.json")), result.toString());
        assertFalse(sections.get(16).contains("\nschnet "), result.toString());
        assertTrue(sections.get(16).contains("uninstalled") && sections.get(16).contains("org.cgformer.model.schnet"),
                "the shell uninstalls what it installed\n" + result);
        assertEquals(1, result.code(), "the cancelled training counts as a failed command\n" + result);

        // the shell uninstalled what it installed: the next run starts with the runtime's own bundles
        CgformerProcess.Result after = CgformerProcess.runIn(home, "cache-shell", "models");
        assertEquals(0, after.code(), after.toString());
        assertFalse(after.out().contains("\nschnet "), after.toString());
    }

    @Test
    void reportsBadShellLinesAndGoesOn(@TempDir Path folder) throws Exception {
        Path script = folder.resolve("bad.cgsh");
        Files.write(script, List.of("install " + folder.resolve("missing.jar"), "stop no.such.bundle", "sleep soon", "models"));
        CgformerProcess.Result result = CgformerProcess.run("shell", script.toString());
        assertEquals(1, result.code(), result.toString());
        assertTrue(result.err().contains("bad.cgsh:1: no bundle file"), result.toString());
        assertTrue(result.err().contains("bad.cgsh:2: no bundle named no.such.bundle"), result.toString());
        assertTrue(result.err().contains("bad.cgsh:3: sleep takes seconds"), result.toString());
        assertTrue(result.out().contains("cgformer "), "models still ran\n" + result);
        assertTrue(result.err().contains("shell: 3 command(s) failed"), result.toString());
    }

    /** The output of each echoed command ("> LINE"), in order. */
    private static List<String> sections(String out) {
        List<String> sections = new ArrayList<>();
        StringBuilder current = null;
        for (String line : out.split("\n", -1)) {
            if (line.startsWith("> ")) {
                if (current != null) {
                    sections.add(current.toString());
                }
                current = new StringBuilder(line).append('\n');
            } else if (current != null) {
                current.append(line).append('\n');
            }
        }
        if (current != null) {
            sections.add(current.toString());
        }
        return sections;
    }

    static Path bundleJar(Path folder, String symbolicName) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().startsWith(symbolicName + "_")).findFirst()
                    .orElseThrow(() -> new AssertionError("no bundle " + symbolicName + " in " + folder));
        }
    }

    /** The assembled runtime without the SchNet and rbf bundles: bin/ copied, lib/ linked, other bundles linked one by one. */
    private static Path runtimeWithout(Path home, Path runtime) throws IOException {
        Files.createDirectories(home.resolve("bin"));
        Files.copy(runtime.resolve("bin/cgformer"), home.resolve("bin/cgformer"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.createSymbolicLink(home.resolve("lib"), runtime.resolve("lib"));
        Path bundles = Files.createDirectories(home.resolve("bundles"));
        try (Stream<Path> jars = Files.list(runtime.resolve("bundles"))) {
            for (Path jar : jars.toList()) {
                String name = jar.getFileName().toString();
                if (EXTENSION.stream().noneMatch(b -> name.startsWith(b + "_"))) {
                    Files.createSymbolicLink(bundles.resolve(jar.getFileName()), jar);
                }
            }
        }
        return home;
    }
}
