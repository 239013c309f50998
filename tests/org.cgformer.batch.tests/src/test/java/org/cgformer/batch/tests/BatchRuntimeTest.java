package org.cgformer.batch.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The headless runtime: Felix + SCR + the same bundles as the workbench, driven by bin/cgformer. */
class BatchRuntimeTest {

    @Test
    void runtimeHoldsFelixAndTheHeadlessBundlesButNoUi() throws Exception {
        assertTrue(Files.isExecutable(CgformerProcess.runtime().resolve("bin/cgformer")));
        try (var bundles = Files.list(CgformerProcess.runtime().resolve("bundles"))) {
            var names = bundles.map(p -> p.getFileName().toString()).toList();
            assertTrue(names.stream().anyMatch(n -> n.startsWith("org.cgformer.cli_")), names.toString());
            assertTrue(names.stream().anyMatch(n -> n.startsWith("org.apache.felix.scr_")), names.toString());
            assertTrue(names.stream().noneMatch(n -> n.contains("swt") || n.startsWith("org.eclipse.ui")),
                    "UI bundles in the batch runtime: " + names);
        }
    }

    @Test
    void helpListsCommands() throws Exception {
        CgformerProcess.Result result = CgformerProcess.run("--help");
        assertEquals(0, result.code(), result.toString());
        assertTrue(result.out().contains("Usage: cgformer"), result.toString());
        assertTrue(result.out().contains("version"), result.toString());
        assertTrue(result.out().contains("components"), result.toString());
    }

    /** Every *.cli bundle contributes its commands: the core ones (org.cgformer.cli) and each domain area's. */
    @Test
    void helpListsTheCommandsOfEveryCliBundle() throws Exception {
        CgformerProcess.Result top = CgformerProcess.run("--help");
        assertEquals(0, top.code(), top.toString());
        for (String command : List.of("inspect", "bvse", "featurize", "train", "shell", "design", "dataset", "screen", "demo", "bench")) {
            assertTrue(top.out().matches("(?s).*\\n  " + command + " .*"), command + " missing: " + top);
        }
        CgformerProcess.Result bench = CgformerProcess.run("bench", "--help");
        for (String command : List.of("structures", "bvse", "graphs", "matbench", "design", "ehull", "screen")) {
            assertTrue(bench.out().matches("(?s).*\\n  " + command + " .*"), "bench " + command + " missing: " + bench);
        }
        CgformerProcess.Result dataset = CgformerProcess.run("dataset", "--help");
        for (String command : List.of("bvse", "ehull")) {
            assertTrue(dataset.out().matches("(?s).*\\n  " + command + " .*"), "dataset " + command + " missing: " + dataset);
        }
    }

    @Test
    void versionRunsOnFelixAndLoadsPyTorch() throws Exception {
        CgformerProcess.Result result = CgformerProcess.run("version");
        assertEquals(0, result.code(), result.toString());
        assertTrue(result.out().contains("org.apache.felix.framework 7.0.5"), result.toString());
        assertTrue(result.out().contains("PyTorch 2.7.1"), result.toString());
        assertTrue(result.out().contains("0.36.0"), result.toString());
    }

    @Test
    void sameRunnerComponentIsActiveOnFelixAsOnEquinox() throws Exception {
        // CommandLineTest.runnerComponentIsActiveInEquinox checks the same component on Equinox
        CgformerProcess.Result result = CgformerProcess.run("components");
        assertEquals(0, result.code(), result.toString());
        assertTrue(result.out().matches("(?s).*active\\s+org\\.cgformer\\.cli\\.runner\\s+org\\.cgformer\\.cli.*"),
                result.toString());
        assertTrue(result.out().contains("org.cgformer.djl.runtime"), result.toString());
    }

    @Test
    void unknownCommandExitsTwoAndSaysWhy() throws Exception {
        CgformerProcess.Result result = CgformerProcess.run("frobnicate");
        assertEquals(2, result.code(), result.toString());
        assertTrue(result.err().contains("frobnicate"), result.toString());
    }

    @Test
    void badOptionExitsTwoAndSaysWhy() throws Exception {
        CgformerProcess.Result result = CgformerProcess.run("version", "--bogus");
        assertEquals(2, result.code(), result.toString());
        assertTrue(result.err().contains("--bogus"), result.toString());
    }
}
