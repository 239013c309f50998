package org.cgformer.batch.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code cgformer models}, {@code train} and {@code predict} on Felix with the real cgcnn_sample. */
class ModelCommandsTest {

    private static Path data(String relative) {
        return Paths.get(System.getProperty("cgformer.shared.data")).resolve(relative).toAbsolutePath();
    }

    @Test
    void listsBothModels() throws Exception {
        CgformerProcess.Result result = CgformerProcess.run("models");
        assertEquals(0, result.code(), result.toString());
        assertTrue(result.out().contains("cgcnn "), result.toString());
        assertTrue(result.out().contains("cgformer "), result.toString());
        assertTrue(result.out().contains("\"attentionLayers\":2"), result.toString());
    }

    @Test
    void trainsPredictsAndRefusesABrokenModel(@TempDir Path folder) throws Exception {
        Path sample = data("structures/cgcnn_sample");
        Path model = folder.resolve("model");
        CgformerProcess.Result train = CgformerProcess.run("train", sample.toString(), "--model", "cgcnn", "--epochs", "3", "--batch-size",
                "4", "-o", model.toString());
        assertEquals(0, train.code(), train.toString());
        assertTrue(train.out().contains("cgcnn model in"), train.toString());
        assertTrue(train.err().contains("epoch 3/3"), train.toString());
        assertTrue(Files.isRegularFile(model.resolve("model.json")));
        Path csv = folder.resolve("predictions.csv");
        CgformerProcess.Result predict = CgformerProcess.run("predict", model.toString(), sample.toString(), "-o", csv.toString());
        assertEquals(0, predict.code(), predict.toString());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(11, lines.size(), lines.toString());
        assertEquals("id,file,prediction,std,models", lines.get(0));

        Path folds = folder.resolve("folds");
        CgformerProcess.Result cv = CgformerProcess.run("train", sample.toString(), "--model", "cgformer", "--kfold", "2", "--epochs", "2",
                "--batch-size", "4", "-o", folds.toString());
        assertEquals(0, cv.code(), cv.toString());
        JsonNode metrics = new ObjectMapper().readTree(folds.resolve("metrics.json").toFile());
        assertEquals(2, metrics.get("folds").size());
        assertTrue(metrics.get("mean").get("mae").isNumber());
        assertTrue(Files.isRegularFile(folds.resolve("fold_1/parity.csv")));
        CgformerProcess.Result ensemble = CgformerProcess.run("predict", folds.toString(), sample.resolve("1000041.cif").toString());
        assertEquals(0, ensemble.code(), ensemble.toString());
        assertTrue(ensemble.out().strip().endsWith(",2"), ensemble.toString());

        Files.writeString(model.resolve("parameters.djl"), "garbage");
        CgformerProcess.Result broken = CgformerProcess.run("predict", model.toString(), sample.toString());
        assertEquals(1, broken.code(), broken.toString());
        assertTrue(broken.err().contains("is corrupt or was replaced"), broken.toString());
    }
}
