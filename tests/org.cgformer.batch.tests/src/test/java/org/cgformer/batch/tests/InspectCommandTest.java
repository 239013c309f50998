package org.cgformer.batch.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code cgformer inspect} and {@code cgformer bench structures} on Felix, on the shared data. */
class InspectCommandTest {

    private static Path shared() {
        return Paths.get(System.getProperty("cgformer.shared.data"));
    }

    @Test
    void inspectPrintsTheNasiconStructure() throws Exception {
        CgformerProcess.Result result = CgformerProcess.run("inspect", shared().resolve("nasicon/Na4Zr2Si3O12_R-3c.cif").toString());
        assertEquals(0, result.code(), result.toString());
        assertTrue(result.out().contains("Na4Zr2(SiO4)3") || result.out().contains("Na4Zr2Si3O12"), result.toString());
        assertTrue(result.out().contains("a=9.1863"), result.toString());
        assertTrue(result.out().contains("R -3 c"), result.toString());
    }

    @Test
    void inspectJsonGivesTheIssueFieldsAndGoesOnPastBadFiles() throws Exception {
        Path work = Paths.get(System.getProperty("cgformer.test.work", "target/work"));
        Files.createDirectories(work);
        Path bad = work.resolve("broken.cif");
        Files.writeString(bad, "data_x\n_cell_length_a 5.6x\n");
        Path good = shared().resolve("structures/cod_common/halides/NaCl-Halite.cif");
        if (!Files.exists(good)) {
            good = shared().resolve("nasicon/Na4Zr2Si3O12_R-3c.cif");
        }
        CgformerProcess.Result result = CgformerProcess.run("inspect", "--json", good.toString(), bad.toString());
        assertEquals(1, result.code(), "a refused file makes the exit code 1: " + result);
        JsonNode json = new ObjectMapper().readTree(result.out());
        JsonNode ok = json.get(good.toString());
        for (String field : new String[] {"sites", "composition", "volume", "abc", "angles", "density"}) {
            assertTrue(ok.has(field), field + " in " + ok);
        }
        assertEquals(6, ok.size(), "exactly the fields of the issue: " + ok);
        String error = json.get(bad.toString()).get("error").asText();
        assertTrue(error.contains("broken.cif:2:"), error);
        assertFalse(result.err().contains("\tat "), "no stack trace: " + result);
    }

    @Test
    void inspectReadsAFolderOfCifs() throws Exception {
        CgformerProcess.Result result = CgformerProcess.run("inspect", "--json", shared().resolve("structures/cgcnn_sample").toString());
        assertEquals(0, result.code(), result.toString());
        assertEquals(10, new ObjectMapper().readTree(result.out()).size(), result.toString());
    }

    @Test
    void benchStructuresPrintsMeasuredMediansAndLabelledPublishedFigures() throws Exception {
        CgformerProcess.Result result = CgformerProcess.run("bench", "structures", shared().resolve("structures/cgcnn_sample").toString(),
                "--repeats", "1", "--cutoff", "5");
        assertEquals(0, result.code(), result.toString());
        assertTrue(result.out().matches("(?s).*Read\\+expand\\s+\\d+\\.\\d{3} s for 10 files.*"), result.toString());
        assertTrue(result.out().contains("NOT measured here"), result.toString());
    }
}
