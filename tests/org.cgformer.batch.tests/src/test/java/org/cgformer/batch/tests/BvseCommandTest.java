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

/** {@code cgformer bvse} and {@code cgformer dataset bvse} on Felix, on the shared NASICON and Na compounds. */
class BvseCommandTest {

    private static Path data(String relative) {
        return Paths.get(System.getProperty("cgformer.shared.data")).resolve(relative).toAbsolutePath();
    }

    @Test
    void printsBarriersAsJsonAndGoesOnPastMissingFiles() throws Exception {
        Path nasicon = data("nasicon/Na3Zr2Si2PO12_R-3c_average.cif");
        CgformerProcess.Result result = CgformerProcess.run("bvse", "--json", "--resolution", "0.2", nasicon.toString(),
                "no-such-file.cif");
        assertEquals(1, result.code(), "one file refused: " + result);
        JsonNode json = new ObjectMapper().readTree(result.out());
        JsonNode entry = json.get(nasicon.toString());
        assertTrue(entry.get("Ea3D").isNumber(), result.toString());
        assertTrue(entry.get("Ea1D").asDouble() <= entry.get("Ea3D").asDouble());
        assertEquals("Na", entry.get("ion").asText());
        assertEquals(0.2, entry.get("resolution").asDouble());
        assertEquals("softbv_params.tsv", entry.get("parameters").asText());
        assertTrue(json.get("no-such-file.cif").get("error").asText().contains("no such file"), result.toString());
    }

    @Test
    void writesACubeFile(@TempDir Path folder) throws Exception {
        Path cube = folder.resolve("nasicon.cube");
        CgformerProcess.Result result = CgformerProcess.run("bvse", "--resolution", "0.3", "--cube", cube.toString(),
                data("nasicon/Na4Zr2Si3O12_R-3c.cif").toString());
        assertEquals(0, result.code(), result.toString());
        assertTrue(result.out().contains("Ea3D"), result.toString());
        assertTrue(result.out().contains("softbv_params.tsv"), "names the parameter table: " + result);
        assertTrue(Files.size(cube) > 100_000, "cube file too small");
    }

    @Test
    void labelsAFolderResumesAndLogsRefusedFiles(@TempDir Path folder) throws Exception {
        Path input = Files.createDirectories(folder.resolve("input"));
        for (String id : List.of("mp-10163", "mp-10223", "mp-10226")) {
            Files.copy(data("structures/na_compounds/" + id + ".cif"), input.resolve(id + ".cif"));
        }
        Files.writeString(input.resolve("broken.cif"), "data_broken\n_cell_length_a 5.0(\nloop_\n");
        Path output = folder.resolve("dataset");
        CgformerProcess.Result first = CgformerProcess.run("dataset", "bvse", input.toString(), "-o", output.toString(),
                "--resolution", "0.3");
        assertEquals(1, first.code(), "broken.cif is refused: " + first);
        List<String> labels = Files.readAllLines(output.resolve("id_prop.csv"));
        List<String> refused = Files.readAllLines(output.resolve("refused.csv"));
        assertEquals(4, labels.size() + refused.size(), first.toString());
        assertTrue(refused.stream().anyMatch(l -> l.startsWith("broken,")), refused.toString());
        for (String line : labels) {
            String id = line.split(",")[0];
            assertTrue(Files.exists(output.resolve(id + ".cif")), "CIF copied for " + id);
            Double.parseDouble(line.split(",")[1]);
        }
        assertTrue(Files.readString(output.resolve("dataset.json")).contains("softbv_params.tsv"));

        CgformerProcess.Result second = CgformerProcess.run("dataset", "bvse", input.toString(), "-o", output.toString(),
                "--resolution", "0.3");
        assertTrue(second.err().contains("4 already done, 0 to compute"), second.toString());
        assertEquals(labels, Files.readAllLines(output.resolve("id_prop.csv")), "nothing recomputed");
    }
}
