package org.cgformer.batch.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code cgformer screen} and {@code bench screen} on Felix: a two-fold CGCNN ensemble trained here on cgcnn_sample, the
 * first four survivors of the example design space screened, the report (PNG plots drawn headless) checked, a second run
 * resumed.
 */
class ScreenCommandTest {

    private static final Path EXAMPLE = Paths.get(System.getProperty("cgformer.examples"), "nasicon-zr-site.designspace");

    @Test
    void screensWritesTheReportAndResumes(@TempDir Path folder) throws Exception {
        Path sample = Paths.get(System.getProperty("cgformer.shared.data")).resolve("structures/cgcnn_sample").toAbsolutePath();
        Path model = folder.resolve("model");
        CgformerProcess.Result train = CgformerProcess.run("train", sample.toString(), "--model", "cgcnn", "--kfold", "2", "--epochs", "2",
                "--batch-size", "4", "--set", "hiddenSize=16", "-o", model.toString());
        assertEquals(0, train.code(), train.toString());

        Path report = folder.resolve("report");
        String[] screen = {"screen", EXAMPLE.toAbsolutePath().toString(), "--eb-model", model.toString(), "--ehull-model", model.toString(),
            "--limit", "4", "--decorations", "1", "--top", "2", "--ehull-ceiling", "1e9", "-o", report.toString()};
        CgformerProcess.Result first = CgformerProcess.run(screen);
        assertEquals(0, first.code(), first.toString());
        assertTrue(first.out().contains("4 candidates: 4 ranked, 0 failed; shortlist of 2"), first.toString());
        assertTrue(first.out().contains("report: " + report.resolve("index.html")), first.toString());
        assertTrue(first.out().contains("skill unmeasured"), "a ranking without --validate says so: " + first);
        assertTrue(first.err().contains("[generate]") && first.err().contains("ETA"), first.toString());
        for (String file : List.of("candidates.csv", "shortlist.csv", "summary.json", "index.html", "plots/eb-vs-ehull.png", "plots/funnel.png",
                "plots/parity-eb-cgcnn.png", "plots/residuals-ehull-cgcnn.png")) {
            assertTrue(Files.isRegularFile(report.resolve(file)) && Files.size(report.resolve(file)) > 100, file);
        }
        assertEquals(5, Files.readAllLines(report.resolve("candidates.csv")).size());
        JsonNode summary = new ObjectMapper().readTree(report.resolve("summary.json").toFile());
        assertEquals(148995, summary.path("funnel").path("combinations").asLong());
        assertEquals(830, summary.path("funnel").path("survivors").asLong());
        assertEquals(5, summary.path("funnel").path("steps").size());
        assertEquals(2, summary.path("shortlist").size());

        CgformerProcess.Result again = CgformerProcess.run(screen);
        assertEquals(0, again.code(), again.toString());
        assertTrue(again.out().contains("resumed stages: funnel, generate, featurize, predict, rank, validate, report"), again.toString());

        CgformerProcess.Result bench = CgformerProcess.run("bench", "screen", EXAMPLE.toAbsolutePath().toString(), "--eb-model", model.toString(),
                "--ehull-model", model.toString(), "--limit", "2", "--decorations", "1", "--oracle", "2", "--warm-up", "1", "--repeats", "2", "--json");
        assertEquals(0, bench.code(), bench.toString());
        JsonNode figures = new ObjectMapper().readTree(bench.out());
        double rate = figures.path("candidatesPerSecond").asDouble();
        assertEquals(2, figures.path("candidatesPerSecondRuns").size(), figures.toString());
        assertEquals(Math.min(figures.path("candidatesPerSecondRuns").get(0).asDouble(), figures.path("candidatesPerSecondRuns").get(1).asDouble()),
                rate, 1e-12, "the lower middle of two runs: " + figures);
        assertTrue(figures.path("warmUpCandidatesPerSecond").asDouble() > 0, figures.toString());
        // a model trained on a folder without dataset.json records no labels: the oracle's defaults
        assertEquals(1, figures.path("oracleDecorations").asInt(), figures.toString());
        assertEquals("defaults", figures.path("oracleSettingsFrom").asText(), figures.toString());
        double oracle = figures.path("oracleSecondsPerCandidate").asDouble();
        assertTrue(rate > 0 && oracle > 0, figures.toString());
        assertEquals(oracle * rate, figures.path("speedupOverOracle").asDouble(), 1e-9 * oracle * rate);
        assertTrue(figures.path("oracle").asText().contains("grid 0.3 A"), figures.toString());
        assertTrue(figures.path("peakRssBytes").asLong() > 50L << 20, "a JVM with libtorch holds more than 50 MB: " + figures);
        // the two structures alone are tens of kB each
        assertTrue(figures.path("bytesKeptPerCandidate").asDouble() > 10_000, figures.toString());
        // what the run wrote includes what it kept (and, at two candidates, mostly the plots and the report)
        assertTrue(figures.path("bytesWrittenPerCandidate").asDouble() >= figures.path("bytesKeptPerCandidate").asDouble(), figures.toString());
        assertEquals(148995 / rate, figures.path("everyCombinationSeconds").asDouble(), 1e-6 * 148995 / rate);
        assertFalse(figures.path("everyCombinationMeasured").asBoolean(), figures.toString());
    }

    @Test
    void refusesAMissingModelWithAClearMessage(@TempDir Path folder) throws Exception {
        CgformerProcess.Result result = CgformerProcess.run("screen", EXAMPLE.toAbsolutePath().toString(), "--eb-model",
                folder.resolve("nothing").toString(), "-o", folder.resolve("report").toString());
        assertEquals(1, result.code(), result.toString());
        assertTrue(result.err().contains("no model folder " + folder.resolve("nothing")), result.toString());
    }
}
