package org.cgformer.batch.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The installable batch runtime away from the checkout: the tarball unpacked into an empty temporary folder and run from
 * another empty folder, without the shared data, finds its shipped examples through its own installation folder; the
 * defaults that need the shared data say what they looked for and how to point to it.
 */
class InstalledRuntimeTest {

    @Test
    void unpackedTarballRunsTheDemoToTheEnd(@TempDir Path folder) throws Exception {
        Path home = unpack(folder.resolve("install"));
        Path elsewhere = Files.createDirectories(folder.resolve("elsewhere"));
        // small settings: the steps and files of the demo, not its figures
        CgformerProcess.Result demo = CgformerProcess.runFrom(home, elsewhere, folder.resolve("cache"), 8, "demo", "-o", "demo",
                "--fraction", "0.02", "--decorations", "1", "--label-decorations", "1", "--kfold", "2", "--epochs", "1", "--limit", "12",
                "--validate", "4", "--oracle-decorations", "1");
        assertEquals(0, demo.code(), demo.toString());
        assertTrue(demo.out().contains("demo finished"), demo.toString());
        Path report = elsewhere.resolve("demo/report");
        assertTrue(demo.out().contains("report: " + report.resolve("index.html")), demo.toString());
        // every default came from the installation: the design space (with its host), the pre-trained and the Ehull models
        assertTrue(demo.err().contains("cgformer design funnel " + home.resolve("examples/nasicon-zr-site.designspace")), demo.toString());
        assertTrue(demo.err().contains("cgformer design label " + home.resolve("examples/nasicon-zr-site.designspace")), demo.toString());
        assertTrue(demo.err().contains("--from " + home.resolve("examples/models/eb-pretrained-cgcnn")), demo.toString());
        assertTrue(demo.err().contains("--from " + home.resolve("examples/models/eb-pretrained-cgformer")), demo.toString());
        assertTrue(demo.err().contains("--ehull-model " + home.resolve("examples/models/ehull-cgcnn")), demo.toString());
        for (String file : List.of("index.html", "candidates.csv", "shortlist.csv", "summary.json", "plots/eb-vs-ehull.png")) {
            assertTrue(Files.isRegularFile(report.resolve(file)) && Files.size(report.resolve(file)) > 100, file + " in " + report);
        }
        assertEquals(13, Files.readAllLines(report.resolve("candidates.csv")).size());
        JsonNode summary = new ObjectMapper().readTree(report.resolve("summary.json").toFile());
        assertEquals(830, summary.path("funnel").path("survivors").asLong(), summary.toString());
    }

    @Test
    void sharedDataDefaultsSayWhatTheyLookedForAndHowToPointToIt(@TempDir Path folder) throws Exception {
        Path elsewhere = Files.createDirectories(folder.resolve("elsewhere"));
        CgformerProcess.Result bench = CgformerProcess.runFrom(CgformerProcess.runtime(), elsewhere, folder.resolve("cache"), 5, "bench",
                "structures");
        assertEquals(1, bench.code(), bench.toString());
        assertTrue(bench.err().contains("no shared data structures/cod_common: "
                + elsewhere.getParent().resolve("shared/data/structures/cod_common") + " does not exist"), bench.toString());
        assertTrue(bench.err().contains("set CGFORMER_SHARED_DATA"), bench.toString());
        assertTrue(bench.err().contains("give the folder of CIFs as DIR"), bench.toString());
    }

    /** Unpacks the built tarball as a user would; returns the installation folder (cgformer-batch). */
    private static Path unpack(Path target) throws Exception {
        Path tarball = CgformerProcess.runtime().resolveSibling("cgformer-batch.tar.gz");
        assertTrue(Files.isRegularFile(tarball), "no " + tarball + " (build releng/org.cgformer.batch first)");
        Files.createDirectories(target);
        Process tar = new ProcessBuilder("tar", "-xzf", tarball.toString(), "-C", target.toString()).inheritIO().start();
        assertTrue(tar.waitFor(2, TimeUnit.MINUTES) && tar.exitValue() == 0, "tar -xzf " + tarball);
        Path home = target.resolve("cgformer-batch");
        assertTrue(Files.isExecutable(home.resolve("bin/cgformer")), "no executable bin/cgformer in " + tarball);
        return home;
    }
}
