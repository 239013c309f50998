package org.cgformer.batch.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cgformer dataset ehull} and {@code cgformer bench ehull} on Felix, on a slice of the real Ehull table. */
class StabilityCommandsTest {

    private static Path data(String relative) {
        return Paths.get(System.getProperty("cgformer.shared.data")).resolve(relative).toAbsolutePath();
    }

    @Test
    void writesAResumableDatasetAndBenchmarksTheForestOnIt(@TempDir Path folder) throws Exception {
        Path csv = data("nasicon/ehull_ouyang2021/train.csv");
        Path dataset = folder.resolve("ehull");
        // the default host is ../shared/data/... relative to the working directory, which a test process does not have
        String host = data("nasicon/Na4Zr2Si3O12_R-3c.cif").toString();
        CgformerProcess.Result first = CgformerProcess.run("dataset", "ehull", csv.toString(), "-o", dataset.toString(), "--every", "100",
                "--decorations", "2", "--host", host);
        assertEquals(0, first.code(), first.toString());
        assertTrue(first.out().contains("32 rows: 0 already done, 32 written, 0 refused"), first.toString());
        List<String> labels = Files.readAllLines(dataset.resolve("id_prop.csv"));
        assertEquals(32, labels.size());
        assertTrue(labels.get(1).startsWith("ehull-0101,"), labels.get(1));
        assertTrue(Files.isRegularFile(dataset.resolve("ehull-0101.cif")));

        CgformerProcess.Result again = CgformerProcess.run("dataset", "ehull", csv.toString(), "-o", dataset.toString(), "--every", "100",
                "--decorations", "2", "--host", host);
        assertEquals(0, again.code(), again.toString());
        assertTrue(again.out().contains("32 rows: 32 already done, 0 written"), again.toString());

        Path bench = folder.resolve("bench");
        CgformerProcess.Result result = CgformerProcess.run("bench", "ehull", dataset.toString(), "--models", "forest", "--folds", "4",
                "--trees", "50", "-o", bench.toString());
        assertEquals(0, result.code(), result.toString());
        assertTrue(result.out().contains("32 structures, 4 of 4 folds"), result.toString());
        assertTrue(result.out().lines().anyMatch(l -> l.startsWith("forest ")), result.toString());
        assertTrue(result.out().lines().anyMatch(l -> l.startsWith("median ")), result.toString());
        String metrics = Files.readString(bench.resolve("metrics.json"));
        assertTrue(metrics.contains("\"forest\"") && metrics.contains("\"medianAe\""), metrics);

        // train's options reach the graph models; those not given take the bench's defaults (patience 10, batch 32)
        Path graphBench = folder.resolve("bench-cgcnn");
        CgformerProcess.Result graph = CgformerProcess.run("bench", "ehull", dataset.toString(), "--models", "cgcnn", "--folds", "4",
                "--max-folds", "1", "--epochs", "2", "--loss", "l1", "--schedule", "cosine", "--featurizer", "cgformer", "-o",
                graphBench.toString());
        assertEquals(0, graph.code(), graph.toString());
        String fold = Files.readString(graphBench.resolve("cgcnn/fold_0/model.json"));
        assertTrue(fold.contains("cosine, l1 loss, batch 32, 2 epochs, patience 10, seed 42"), fold);
        // --featurizer gives every graph model the same graphs (CGCNN reads the cgformer featurizer's, not its own)
        assertTrue(fold.contains("\"featurizer\" : \"cgformer\""), fold);
        assertTrue(Files.readString(graphBench.resolve("metrics.json")).contains("l1 loss"), graph.toString());
    }
}
