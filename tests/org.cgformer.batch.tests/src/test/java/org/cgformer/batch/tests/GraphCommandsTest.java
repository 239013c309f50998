package org.cgformer.batch.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code cgformer featurizers}, {@code featurize} and {@code bench graphs} on Felix. */
class GraphCommandsTest {

    private static Path data(String relative) {
        return Paths.get(System.getProperty("cgformer.shared.data")).resolve(relative).toAbsolutePath();
    }

    private static Path jdft2dSample(Path folder, int count) throws IOException {
        Path input = Files.createDirectories(folder.resolve("input"));
        for (int i = 1; i <= count; i++) {
            String name = String.format("mb-jdft2d-%03d.cif", i);
            Files.copy(data("benchmarks/matbench_jdft2d/" + name), input.resolve(name));
        }
        return input;
    }

    @Test
    void listsTheBuiltInFeaturizersWithVersionsBundleAndColumns() throws Exception {
        CgformerProcess.Result result = CgformerProcess.run("featurizers", "--json");
        assertEquals(0, result.code(), result.toString());
        JsonNode list = new ObjectMapper().readTree(result.out());
        JsonNode cgcnn = find(list, "cgcnn");
        assertEquals("1.0.0", cgcnn.get("version").asText());
        assertEquals(92, cgcnn.get("nodeColumns").asInt());
        assertEquals(41, cgcnn.get("edgeColumns").asInt());
        assertTrue(cgcnn.get("bundle").asText().startsWith("org.cgformer.graph "), result.toString());
        assertEquals(14, find(list, "cgformer").get("nodeColumns").asInt());
    }

    @Test
    void featurizesAFolderGoesOnPastBadFilesAndReadsTheCacheOnTheSecondRun(@TempDir Path folder) throws Exception {
        Path input = jdft2dSample(folder, 3);
        Files.writeString(input.resolve("broken.cif"), "data_broken\n_cell_length_a 5.0(\nloop_\n");
        Path output = folder.resolve("graphs");
        CgformerProcess.Result first = CgformerProcess.run("featurize", input.toString(), "--featurizer", "cgformer", "-o",
                output.toString());
        assertEquals(1, first.code(), "broken.cif is refused: " + first);
        assertTrue(first.out().contains("3 graphs (3 featurized, 0 read from the cache), 1 refused"), first.toString());
        assertTrue(first.err().contains("[4/4]"), "progress: " + first);
        List<String> index = Files.readAllLines(output.resolve("index.csv"));
        assertEquals(4, index.size(), index.toString());
        for (String line : index.subList(1, index.size())) {
            assertTrue(Files.size(output.resolve(line.split(",")[3])) > 1000, line);
        }
        assertTrue(Files.readAllLines(output.resolve("refused.csv")).get(1).startsWith("broken,"));
        JsonNode metadata = new ObjectMapper().readTree(output.resolve("featurizer.json").toFile());
        assertEquals("cgformer", metadata.get("featurizer").asText());
        assertEquals(45, metadata.get("edgeColumns").size());

        Path graph = output.resolve(index.get(1).split(",")[3]);
        Files.write(graph, new byte[] {1, 2, 3});
        CgformerProcess.Result second = CgformerProcess.run("featurize", input.toString(), "--featurizer", "cgformer", "-o",
                output.toString());
        assertTrue(second.out().contains("3 graphs (1 featurized, 2 read from the cache), 1 refused"), second.toString());
        assertTrue(second.err().contains("unusable") && second.err().contains(graph.getFileName().toString()), second.toString());
        assertTrue(Files.size(graph) > 1000, "rebuilt");
    }

    @Test
    void unknownFeaturizerIsAUsageErrorNamingTheInstalledOnes(@TempDir Path folder) throws Exception {
        CgformerProcess.Result result = CgformerProcess.run("featurize", jdft2dSample(folder, 1).toString(), "--featurizer",
                "schnet", "-o", folder.resolve("out").toString());
        assertEquals(2, result.code(), result.toString());
        assertTrue(result.err().contains("schnet") && result.err().contains("cgcnn@1.0.0"), result.toString());
    }

    @Test
    void aFeaturizerFromAnotherBundleIsListedAndUsedByName(@TempDir Path folder) throws Exception {
        Path home = runtimeWithExampleBundle(folder.resolve("runtime"));
        CgformerProcess.Result list = CgformerProcess.runIn(home, "cache-example", "featurizers");
        assertEquals(0, list.code(), list.toString());
        assertTrue(list.out().contains("sodium-example") && list.out().contains("org.cgformer.graph.example"), list.toString());
        assertTrue(list.out().contains("cgformer"), list.toString());
        Path output = folder.resolve("out");
        CgformerProcess.Result run = CgformerProcess.runIn(home, "cache-example", "featurize",
                data("nasicon/Na3Zr2Si2PO12_R-3c_average.cif").toString(), "--featurizer", "sodium-example", "-o",
                output.toString());
        assertEquals(0, run.code(), run.toString());
        assertEquals("sodium-example", new ObjectMapper().readTree(output.resolve("featurizer.json").toFile())
                .get("featurizer").asText());
        assertTrue(Files.readAllLines(output.resolve("index.csv")).get(1).endsWith(",126,1512"), run.toString());
    }

    @Test
    void benchPrintsMeasuredGraphRatesAndCacheReload(@TempDir Path folder) throws Exception {
        CgformerProcess.Result result = CgformerProcess.run("bench", "graphs", jdft2dSample(folder, 12).toString(),
                "--nasicon", data("nasicon/Na3Zr2Si2PO12_R-3c_average.cif").toString(), "--repeats", "1");
        assertEquals(0, result.code(), result.toString());
        Matcher rate = Pattern.compile("cgformer +featurize 12 structures: [0-9.]+ s, ([0-9.]+) graphs/s").matcher(result.out());
        assertTrue(rate.find(), result.toString());
        assertTrue(Double.parseDouble(rate.group(1)) > 0);
        assertTrue(result.out().contains("reload") && result.out().contains("NASICON 2x1x1 supercell (252 sites"),
                result.toString());
        assertTrue(result.out().contains("cgcnn"), result.toString());
    }

    private static JsonNode find(JsonNode list, String name) {
        for (JsonNode entry : list) {
            if (entry.get("name").asText().equals(name)) {
                return entry;
            }
        }
        throw new AssertionError("no featurizer " + name + " in " + list);
    }

    /** The assembled runtime plus the example bundle: bin/ copied, lib/ linked, bundles/ linked one by one. */
    private static Path runtimeWithExampleBundle(Path home) throws IOException {
        Path runtime = CgformerProcess.runtime().toAbsolutePath();
        Files.createDirectories(home.resolve("bin"));
        Files.copy(runtime.resolve("bin/cgformer"), home.resolve("bin/cgformer"), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        Files.createSymbolicLink(home.resolve("lib"), runtime.resolve("lib"));
        Path bundles = Files.createDirectories(home.resolve("bundles"));
        try (Stream<Path> jars = Files.list(runtime.resolve("bundles"))) {
            for (Path jar : jars.toList()) {
                Files.createSymbolicLink(bundles.resolve(jar.getFileName()), jar);
            }
        }
        Path example = Paths.get(System.getProperty("cgformer.example.bundle"));
        assertTrue(Files.isRegularFile(example), "example bundle not built: " + example);
        Files.copy(example, bundles.resolve(example.getFileName()));
        return home;
    }
}
