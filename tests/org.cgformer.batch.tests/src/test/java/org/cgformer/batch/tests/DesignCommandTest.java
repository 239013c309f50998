package org.cgformer.batch.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** {@code cgformer design …} and {@code cgformer bench design} on Felix, on the repository's example. */
class DesignCommandTest {

    private static final Path EXAMPLE = Paths.get(System.getProperty("cgformer.examples"), "nasicon-zr-site.designspace");

    private static Path results(String name) throws Exception {
        Path folder = Paths.get(System.getProperty("cgformer.test.work", "target/work"), "design");
        Files.createDirectories(folder);
        Path file = folder.resolve(name);
        Files.deleteIfExists(file);
        return file;
    }

    @Test
    void funnelClusterAndSampleTheExample() throws Exception {
        Path results = results("example.designresults");
        CgformerProcess.Result funnel = CgformerProcess.run("design", "funnel", EXAMPLE.toString(), "--results", results.toString());
        assertEquals(0, funnel.code(), funnel.toString());
        assertTrue(funnel.out().contains("148995  all combinations C(45, 4)"), funnel.toString());
        assertTrue(funnel.out().contains("148995 \u2192 101270 \u2192 73815 \u2192 23751 \u2192 2834 \u2192 830"), funnel.toString());
        assertTrue(Files.readString(results).contains("combinationCount=\"148995\""));

        CgformerProcess.Result cluster = CgformerProcess.run("design", "cluster", EXAMPLE.toString(), "--results", results.toString(),
                "--groups", "20", "--linkage", "ward");
        assertEquals(0, cluster.code(), cluster.toString());
        assertTrue(cluster.out().contains("830 candidates in 20 groups (ward linkage"), cluster.toString());

        CgformerProcess.Result sample = CgformerProcess.run("design", "sample", EXAMPLE.toString(), "--results", results.toString(),
                "--fraction", "0.3", "--seed", "1");
        assertEquals(0, sample.code(), sample.toString());
        String firstSample = Files.readString(results);
        CgformerProcess.Result again = CgformerProcess.run("design", "sample", EXAMPLE.toString(), "--results", results.toString(),
                "--fraction", "0.3", "--seed", "1");
        assertEquals(sample.out(), again.out());
        assertEquals(firstSample, Files.readString(results), "same seed, same results file");
        Path structures = results.resolveSibling("structures");
        CgformerProcess.Result generate = CgformerProcess.run("design", "generate", EXAMPLE.toString(), "--results", results.toString(),
                "--candidates", "sampled", "--decorations", "4", "-o", structures.toString());
        assertEquals(0, generate.code(), generate.toString());
        try (var files = Files.list(structures)) {
            assertTrue(files.filter(f -> f.toString().endsWith(".cif")).count() >= 20, generate.toString());
        }

        Matcher sampled = Pattern.compile("sampled (\\d+) of 830").matcher(sample.out());
        assertTrue(sampled.find(), sample.toString());
        int count = Integer.parseInt(sampled.group(1));
        assertTrue(count >= 20 && count <= 830 * 0.3 + 20, "about 30 % of 830, at least one per group: " + count);
    }

    /**
     * random:N draws from all 148,995 combinations with the rules off (a pre-training set): about two thirds need more Na
     * than NASICON has sites, so failures are listed and more are drawn until N are written; the same seed, the same files.
     */
    @Test
    void generatesRandomCombinationsOfTheWholeSpace() throws Exception {
        Path folder = results("random").resolveSibling("random-structures");
        CgformerProcess.Result generate = CgformerProcess.run("design", "generate", EXAMPLE.toString(), "--candidates", "random:6",
                "--decorations", "1", "--seed", "7", "-o", folder.toString());
        assertEquals(0, generate.code(), generate.toString());
        assertTrue(generate.out().contains("wrote 6 structures"), generate.toString());
        java.util.List<String> cifs;
        try (var files = Files.list(folder)) {
            cifs = files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".cif")).sorted().toList();
        }
        assertEquals(6, cifs.size(), cifs.toString());
        Path failed = folder.resolve("failed.csv");
        if (Files.exists(failed)) {
            java.util.List<String> lines = Files.readAllLines(failed);
            assertEquals("id,formula,reason", lines.get(0));
            assertTrue(lines.get(1).contains("Na sites"), lines.get(1));
        }
        CgformerProcess.Result bad = CgformerProcess.run("design", "generate", EXAMPLE.toString(), "--candidates", "random:x", "-o",
                folder.toString());
        assertEquals(1, bad.code(), bad.toString());
        assertTrue(bad.err().contains("expected random:N with N a positive whole number"), bad.toString());
    }

    /**
     * {@code --cell}: the same random draw on the primitive cell has a third of the sites of the conventional build (the
     * default), and recipe.json records the policy; an unknown cell is refused naming the ones there are.
     */
    @Test
    void generatesOnThePrimitiveCellWhenAsked() throws Exception {
        Path conventional = results("cell").resolveSibling("cell-conventional");
        Path primitive = conventional.resolveSibling("cell-primitive");
        for (Path folder : new Path[] {conventional, primitive}) {
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("design", "generate", EXAMPLE.toString(), "--candidates",
                    "random:2", "--decorations", "1", "--seed", "7", "-o", folder.toString()));
            if (folder == primitive) {
                args.addAll(java.util.List.of("--cell", "primitive"));
            }
            CgformerProcess.Result generate = CgformerProcess.run(args.toArray(String[]::new));
            assertEquals(0, generate.code(), generate.toString());
        }
        assertTrue(Files.readString(conventional.resolve("recipe.json")).contains("\"supercell\" : \"smallest-integral\""));
        assertTrue(Files.readString(primitive.resolve("recipe.json")).contains("\"supercell\" : \"smallest-primitive\""));
        java.util.List<String> names;
        try (var files = Files.list(primitive)) {
            names = files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".cif")).sorted().toList();
        }
        assertEquals(2, names.size(), names.toString());
        for (String name : names) {
            CgformerProcess.Result big = CgformerProcess.run("inspect", conventional.resolve(name).toString(), "--json");
            CgformerProcess.Result small = CgformerProcess.run("inspect", primitive.resolve(name).toString(), "--json");
            int bigSites = sites(big.out());
            int smallSites = sites(small.out());
            assertEquals(bigSites, 3 * smallSites, name + ": " + bigSites + " sites conventional, " + smallSites + " primitive");
        }
        CgformerProcess.Result bad = CgformerProcess.run("design", "generate", EXAMPLE.toString(), "--candidates", "random:1", "--cell", "tiny",
                "-o", primitive.toString());
        assertEquals(1, bad.code(), bad.toString());
        assertTrue(bad.err().contains("--cell: unknown cell 'tiny': primitive") && bad.err().contains("conventional"), bad.toString());
    }

    /**
     * {@code design label}: each label is the mean BVSE Ea3D of N ordered decorations; decoration 0 is the structure
     * {@code design generate --cell primitive} makes with the same seed, and its barrier the one {@code bvse} computes on
     * it; the dataset's structures are the occupancy-weighted cells; a rerun labels nothing twice.
     */
    @Test
    void labelsCandidatesWithTheMeanOfOrderedDecorations() throws Exception {
        Path labels = results("label").resolveSibling("labels");
        CgformerProcess.Result label = CgformerProcess.run("design", "label", EXAMPLE.toString(), "--candidates", "random:3",
                "--label-decorations", "2", "--resolution", "0.5", "--seed", "7", "-o", labels.toString());
        assertEquals(0, label.code(), label.toString());
        // the 3 drawn candidates and the undoped parent, which screening measures every barrier against
        assertTrue(label.out().contains("labelled 4 candidates (0 refused, 0 already labelled)"), label.toString());
        java.util.List<String> means = Files.readAllLines(labels.resolve("id_prop.csv"));
        java.util.List<String> each = Files.readAllLines(labels.resolve("decorations.csv"));
        assertEquals(4, means.size(), means.toString());
        assertEquals(8, each.size(), each.toString());
        assertTrue(means.stream().anyMatch(row -> row.startsWith("parent_Na3Zr2Si2PO12,")), means.toString());
        // the parent is the reference of every Delta Eb: every cross-validation fold trains on it
        assertEquals(java.util.List.of("parent_Na3Zr2Si2PO12"), Files.readAllLines(labels.resolve("references.txt")));
        java.util.Map<String, double[]> decorations = new java.util.HashMap<>();
        for (String row : each) {
            String[] f = row.split(",");
            decorations.computeIfAbsent(f[0], k -> new double[2])[Integer.parseInt(f[1])] = Double.parseDouble(f[3]);
        }
        for (String row : means) {
            String[] f = row.split(",");
            double[] d = decorations.get(f[0]);
            assertEquals((d[0] + d[1]) / 2, Double.parseDouble(f[1]), 1.5e-4, row);
            assertTrue(d[0] != d[1] || f[0].startsWith("parent"), f[0] + ": two decorations with one barrier " + d[0]);
            String cif = Files.readString(labels.resolve(f[0] + ".cif"));
            assertTrue(cif.contains("occupancy-weighted cell") && (cif.contains(" 0.200000") || f[0].startsWith("parent")),
                    f[0] + " is not the occupancy-weighted cell");
        }
        assertTrue(Files.readString(labels.resolve("recipe.json")).contains("\"supercell\" : \"primitive-occupancy\""));
        com.fasterxml.jackson.databind.JsonNode dataset = new com.fasterxml.jackson.databind.ObjectMapper().readTree(labels.resolve("dataset.json")
                .toFile());
        assertEquals(2, dataset.path("labelDecorations").asInt());
        assertEquals(0.5, dataset.path("resolution").asDouble());
        assertTrue(dataset.path("decorationRecipe").asText().contains("supercell smallest-primitive"), dataset.toString());

        // decoration 0 is what 'design generate --cell primitive' makes with the same seed and K, labelled by 'bvse'
        Path ordered = labels.resolveSibling("ordered");
        CgformerProcess.Result generate = CgformerProcess.run("design", "generate", EXAMPLE.toString(), "--candidates", "random:3",
                "--decorations", "5", "--cell", "primitive", "--seed", "7", "-o", ordered.toString());
        assertEquals(0, generate.code(), generate.toString());
        String first = means.stream().map(row -> row.split(",")[0]).filter(id -> !id.startsWith("parent")).findFirst().orElseThrow();
        CgformerProcess.Result bvse = CgformerProcess.run("bvse", "--json", "--resolution", "0.5", ordered.resolve(first + ".cif").toString());
        assertEquals(0, bvse.code(), bvse.toString());
        double ea3d = new com.fasterxml.jackson.databind.ObjectMapper().readTree(bvse.out()).elements().next().path("Ea3D").asDouble();
        assertEquals(decorations.get(first)[0], ea3d, 1e-4, bvse.out());

        CgformerProcess.Result again = CgformerProcess.run("design", "label", EXAMPLE.toString(), "--candidates", "random:3",
                "--label-decorations", "2", "--resolution", "0.5", "--seed", "7", "-o", labels.toString());
        assertTrue(again.out().contains("labelled 0 candidates (0 refused, 3 already labelled)"), again.toString()); // the parent too
        assertEquals(means, Files.readAllLines(labels.resolve("id_prop.csv")));
        // --no-parent leaves the reference out; one thread labels the same values as all cores
        Path withoutParent = labels.resolveSibling("labels-no-parent");
        CgformerProcess.Result noParent = CgformerProcess.run("design", "label", EXAMPLE.toString(), "--candidates", "random:3",
                "--label-decorations", "2", "--resolution", "0.5", "--seed", "7", "--no-parent", "--threads", "1", "-o", withoutParent.toString());
        assertTrue(noParent.out().contains("labelled 3 candidates (0 refused, 0 already labelled)"), noParent.toString());
        assertEquals(means.stream().filter(row -> !row.startsWith("parent_")).sorted().toList(),
                Files.readAllLines(withoutParent.resolve("id_prop.csv")).stream().sorted().toList());
        assertTrue(!Files.exists(withoutParent.resolve("references.txt")) && !Files.exists(withoutParent.resolve("parent_Na3Zr2Si2PO12.cif")));
        CgformerProcess.Result other = CgformerProcess.run("design", "label", EXAMPLE.toString(), "--candidates", "random:3", "--cell",
                "primitive", "--resolution", "0.5", "--seed", "7", "-o", labels.toString());
        assertEquals(1, other.code(), other.toString());
        assertTrue(other.err().contains("label into another folder"), other.toString());
    }

    private static int sites(String inspectJson) throws Exception {
        com.fasterxml.jackson.databind.JsonNode node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(inspectJson);
        // {"<file>": {"sites": N, ...}}
        return node.elements().next().path("sites").asInt(-1);
    }

    @Test
    void invalidDesignSpaceFailsWithMessagesNamingTheObjects() throws Exception {
        Path file = results("invalid.designspace");
        Files.writeString(file, """
                <?xml version="1.0" encoding="UTF-8"?>
                <designspace:DesignSpace xmi:version="2.0" xmlns:xmi="http://www.omg.org/XMI"
                    xmlns:designspace="http://www.cgformer.org/design/designspace/1.0" name="broken"
                    hostStructure="no-such-host.cif" dopantCount="3">
                  <site label="Zr1" hostElement="Zr" hostOxidationState="4" sitesPerFormulaUnit="2"/>
                  <pool element="Qq" oxidationState="2"/>
                  <pool element="Mg" oxidationState="2"/>
                </designspace:DesignSpace>
                """);
        CgformerProcess.Result result = CgformerProcess.run("design", "funnel", file.toString());
        assertEquals(1, result.code(), result.toString());
        assertTrue(result.err().contains("dopant 'Qq' (pool entry 1): unknown element 'Qq'"), result.toString());
        assertTrue(result.err().contains("design space 'broken': host structure file 'no-such-host.cif' not found"), result.toString());
        assertTrue(result.err().contains("design space 'broken': dopantCount 3 must be between 1 and the pool size (2 dopants)"),
                result.toString());
    }

    @Test
    void clusterBeforeFunnelSaysWhatToRunFirst() throws Exception {
        Path results = results("missing.designresults");
        CgformerProcess.Result result = CgformerProcess.run("design", "cluster", EXAMPLE.toString(), "--results", results.toString());
        assertEquals(1, result.code(), result.toString());
        assertTrue(result.err().contains("run 'cgformer design funnel"), result.toString());
    }

    @Test
    void benchDesignPrintsMeasuredMedians() throws Exception {
        CgformerProcess.Result result = CgformerProcess.run("bench", "design", EXAMPLE.toString(), "--repeats", "3", "--warmup", "1",
                "--generation-repeats", "1", "--decorations", "2");
        assertEquals(0, result.code(), result.toString());
        assertTrue(result.out().matches("(?s).*funnel over 148995 combinations: median [0-9.]+ ms \\(min [0-9.]+, max [0-9.]+; 3 timed runs after 1 warm-up\\).*"),
                result.toString());
        assertTrue(result.out().contains("Ward clustering of 830 survivors into 20 groups: median"), result.toString());
        assertTrue(result.out().contains("structure generation for 830 survivors (K = 2 decorations, no file output): median"),
                result.toString());
    }
}
