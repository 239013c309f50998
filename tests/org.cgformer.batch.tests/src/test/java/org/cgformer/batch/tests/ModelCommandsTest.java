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

    /** Parses predict's CSV into id -> prediction. */
    private static java.util.Map<String, Double> predictions(List<String> lines) {
        java.util.Map<String, Double> out = new java.util.LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            out.put(cells[0], Double.parseDouble(cells[2]));
        }
        return out;
    }

    @Test
    void predictionsInOtherProcessesEqualThoseWrittenAtTrainingTime(@TempDir Path folder) throws Exception {
        Path sample = data("structures/cgcnn_sample");
        Path model = folder.resolve("model");
        CgformerProcess.Result train = CgformerProcess.run("train", sample.toString(), "--model", "cgcnn", "--epochs", "4", "--batch-size",
                "4", "--validation", "0.3", "-o", model.toString());
        assertEquals(0, train.code(), train.toString());
        // the validation predictions the training process wrote
        java.util.Map<String, Double> written = new java.util.LinkedHashMap<>();
        List<String> parity = Files.readAllLines(model.resolve("parity.csv"));
        for (String line : parity.subList(1, parity.size())) {
            String[] cells = line.split(",");
            written.put(cells[0], Double.parseDouble(cells[2]));
        }
        assertEquals(3, written.size(), parity.toString());
        Path a = folder.resolve("a.csv");
        Path b = folder.resolve("b.csv");
        CgformerProcess.Result first = CgformerProcess.run("predict", model.toString(), sample.toString(), "-o", a.toString());
        CgformerProcess.Result second = CgformerProcess.run("predict", model.toString(), sample.toString(), "-o", b.toString());
        assertEquals(0, first.code(), first.toString());
        assertEquals(0, second.code(), second.toString());
        assertEquals(Files.readAllLines(a), Files.readAllLines(b), "two predict processes disagree");
        java.util.Map<String, Double> predicted = predictions(Files.readAllLines(a));
        for (java.util.Map.Entry<String, Double> e : written.entrySet()) {
            double p = predicted.get(e.getKey());
            assertEquals(e.getValue(), p, 1e-6 * Math.max(1, Math.abs(e.getValue())),
                    e.getKey() + ": written at training time " + e.getValue() + ", predicted in another process " + p);
        }
    }

    @Test
    void finetuneRecordsItsParentAndTrainResumesAFinishedRun(@TempDir Path folder) throws Exception {
        Path sample = data("structures/cgcnn_sample");
        Path parent = folder.resolve("parent");
        CgformerProcess.Result train = CgformerProcess.run("train", sample.toString(), "--model", "cgcnn", "--kfold", "2", "--epochs", "2",
                "--batch-size", "4", "--loss", "huber", "-o", parent.toString());
        assertEquals(0, train.code(), train.toString());
        CgformerProcess.Result again = CgformerProcess.run("train", sample.toString(), "--model", "cgcnn", "--kfold", "2", "--epochs", "2",
                "--batch-size", "4", "--loss", "huber", "-o", parent.toString());
        assertEquals(0, again.code(), again.toString());
        assertTrue(again.out().contains("(finished earlier)"), again.toString());
        assertTrue(!again.err().contains("epoch 1/2"), again.toString());
        Path child = folder.resolve("child");
        CgformerProcess.Result tune = CgformerProcess.run("finetune", "--from", parent.toString(), sample.toString(), "--freeze", "conv",
                "--epochs", "2", "--batch-size", "4", "--lr", "0.001", "-o", child.toString());
        assertEquals(0, tune.code(), tune.toString());
        assertTrue(tune.err().contains("the best of 2 fold models"), tune.toString());
        JsonNode d = new ObjectMapper().readTree(child.resolve("model.json").toFile());
        JsonNode recorded = d.get("metrics").get("parent");
        assertTrue(recorded.get("path").asText().startsWith(parent.toAbsolutePath().normalize().toString()), d.toString());
        assertEquals("cgcnn", recorded.get("model").asText());
        assertEquals(64, recorded.get("parametersSha256").asText().length());
        CgformerProcess.Result badGroup = CgformerProcess.run("finetune", "--from", parent.toString(), sample.toString(), "--freeze",
                "attention", "-o", folder.resolve("x").toString());
        assertEquals(2, badGroup.code(), badGroup.toString());
        assertTrue(badGroup.err().contains("layer groups"), badGroup.toString());
    }

    @Test
    void benchMatbenchUsesItsDefaultsWhereNoOptionIsGiven(@TempDir Path folder) throws Exception {
        Path source = data("benchmarks/matbench_jdft2d");
        Path task = Files.createDirectories(folder.resolve("tiny_task"));
        List<String> lines = Files.readAllLines(source.resolve("id_prop.csv"));
        StringBuilder csv = new StringBuilder();
        List<String> ids = new java.util.ArrayList<>();
        for (String line : lines) {
            String id = line.split(",")[0].strip();
            if (!Files.isRegularFile(source.resolve(id + ".cif")) || ids.size() == 12) {
                continue;
            }
            Files.copy(source.resolve(id + ".cif"), task.resolve(id + ".cif"));
            csv.append(line).append('\n');
            ids.add(id);
        }
        Files.writeString(task.resolve("id_prop.csv"), csv);
        Files.writeString(task.resolve("folds.json"), "{\"test_folds\": {\"fold_0\": [\"" + String.join("\", \"", ids.subList(0, 6))
                + "\"], \"fold_1\": [\"" + String.join("\", \"", ids.subList(6, 12)) + "\"]}}");
        CgformerProcess.Result bench = CgformerProcess.run("bench", "matbench", "--task", task.toString(), "--models", "cgcnn", "--max-folds",
                "1", "--epochs", "2", "--batch-size", "4");
        assertEquals(0, bench.code(), bench.toString());
        assertTrue(bench.out().contains("tiny_task, 1 of 5 official folds, adam lr 0.003 wd 0 cosine warm-up 3, l1 loss, batch 4, 2 epochs, "
                + "patience 25"), bench.toString());
        assertTrue(bench.out().contains("ours cgcnn"), bench.toString());
    }
}
