package org.cgformer.screening.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.cgformer.design.api.StructureRecipe;
import org.cgformer.design.model.DesignSpace;
import org.cgformer.design.model.resource.DesignSpaceResources;
import org.cgformer.ml.api.ModelDescriptor;
import org.cgformer.ml.api.Sample;
import org.cgformer.ml.api.TrainingOptions;
import org.cgformer.ml.training.LabelledData;
import org.cgformer.ml.training.TrainingJob;
import org.cgformer.ml.training.TrainingMonitor;
import org.cgformer.ml.training.TrainingService;
import org.cgformer.screening.api.ScreeningException;
import org.cgformer.screening.api.ScreeningListener;
import org.cgformer.screening.api.ScreeningOptions;
import org.cgformer.screening.api.ScreeningService;
import org.cgformer.stability.api.NasiconComposition;
import org.cgformer.structure.api.Composition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Structure recipes: the value and its JSON, recorded by training, and screening each model on structures made with its
 * recipe (a NASICON-framework Ehull model on scaled Na4Zr2Si3O12 decorations) or refusing one it must not use.
 */
class StructureRecipeTest {

    @TempDir
    static Path temp;

    static Path design;
    static Path model;
    static Path nasiconHost;

    @BeforeAll
    static void tinyDesignSpaceAndModel() throws Exception {
        design = ScreeningPipelineTest.tinyDesignSpace(temp.resolve("tiny.designspace"), List.of("Ti", "Hf", "Sn", "Nb", "Mg"));
        List<Sample> samples = ScreeningPipelineTest.samples();
        model = ScreeningPipelineTest.ensemble(temp.resolve("model"), samples, 1);
        nasiconHost = Paths.get(System.getProperty("cgformer.shared.data", "../shared/data")).resolve("nasicon/Na4Zr2Si3O12_R-3c.cif");
    }

    static StructureRecipe framework(int decorations) throws Exception {
        return StructureRecipe.nasiconFramework(nasiconHost, null, StructureRecipe.LATTICE_SCALED, decorations, 1, StructureRecipe.SEED_PLUS_LINE);
    }

    @Test
    void roundTripsThroughJsonAndComparesWhatMakesTheStructures() throws Exception {
        StructureRecipe recipe = framework(10).withNote("every 8th row");
        StructureRecipe back = StructureRecipe.fromJson(recipe.toJson());
        assertEquals(recipe, back);
        assertEquals(recipe.note(), back.note());
        assertEquals(recipe.hostSha256(), back.hostSha256());
        assertEquals(recipe, StructureRecipe.fromTree(new ObjectMapper().readValue(recipe.toJson(), Map.class)), "from a model.json map");
        assertEquals(recipe, recipe.withNote(null), "the note does not make structures");
        assertEquals(recipe.key(), recipe.withNote("other").key());
        assertNotEquals(recipe, framework(5));
        assertTrue(recipe.sameFramework(framework(5)), "K aside");
        StructureRecipe designSpace = StructureRecipe.designSpace(
                Paths.get(System.getProperty("cgformer.shared.data", "../shared/data")).resolve("nasicon/Na3Zr2Si2PO12_R-3c_average.cif"),
                "Na3Zr2Si2PO12", "Zr1", 5, 1);
        assertNotEquals(recipe, designSpace);
        assertFalse(recipe.sameFramework(designSpace));
        String line = recipe.describe();
        assertTrue(line.startsWith("nasicon-framework: host Na4Zr2Si3O12_R-3c.cif (sha256 ") && line.contains("lattice scaled")
                && line.contains("K = 10") && !line.contains("\n"), line);
        Path folder = temp.resolve("recipe-folder");
        recipe.write(folder);
        assertEquals(recipe, StructureRecipe.read(folder));
        java.io.IOException e = assertThrows(java.io.IOException.class,
                () -> StructureRecipe.fromJson("{\"format\":1,\"generator\":\"design-space\"}"));
        assertTrue(e.getMessage().contains("lattice"), e.getMessage());
        assertTrue(assertThrows(java.io.IOException.class, () -> StructureRecipe.fromJson("{\"format\":2}")).getMessage().contains("format 2"));
    }

    @Test
    void aModelTrainedOnAFolderWithARecipeRecordsItInEveryMember() throws Exception {
        Path data = Paths.get(System.getProperty("cgformer.shared.data", "../shared/data")).resolve("benchmarks/matbench_jdft2d");
        Path dataset = Files.createDirectories(temp.resolve("dataset"));
        List<String> lines = Files.readAllLines(data.resolve("id_prop.csv"));
        StringBuilder labels = new StringBuilder();
        for (String line : lines.subList(0, 12)) {
            String id = line.split(",")[0];
            try (var files = Files.list(data)) {
                Path file = files.filter(f -> f.getFileName().toString().startsWith(id + ".")).findFirst().orElseThrow();
                Files.copy(file, dataset.resolve(file.getFileName()));
            }
            labels.append(line).append('\n');
        }
        Files.writeString(dataset.resolve("id_prop.csv"), labels);
        StructureRecipe recipe = framework(3).withNote("a test");
        recipe.write(dataset);
        Files.writeString(dataset.resolve(ModelDescriptor.LABELS_FILE), "{\"resolution\": 0.3, \"labelDecorations\": 3}");
        TrainingService training = ScreeningPipelineTest.service(TrainingService.class);
        LabelledData labelled = training.loadDataset(dataset, training.featurizer("cgcnn"), null, TrainingMonitor.NONE);
        ObjectNode hp = JsonNodeFactory.instance.objectNode().put("hiddenSize", 8).put("headSize", 8).put("convLayers", 1);
        Path out = temp.resolve("trained");
        training.run(TrainingJob.train(training.model("cgcnn"), labelled).hyperParameters(hp)
                .options(TrainingOptions.defaults().withEpochs(1).withBatchSize(4).withPatience(0)).splits(training.kFold(labelled, 2, 42))
                .output(out).build(), TrainingMonitor.NONE);
        for (String fold : List.of("fold_0", "fold_1")) {
            ModelDescriptor d = ModelDescriptor.read(out.resolve(fold));
            assertNotNull(d.recipe(), fold + " records the recipe");
            assertEquals(recipe, StructureRecipe.fromTree(d.recipe()));
            assertEquals(Map.of("resolution", 0.3, "labelDecorations", 3), d.labels(), fold + " records how its labels were made");
        }
        assertEquals(3, ((Number) ScreeningPipelineTest.service(ScreeningService.class).labels(out).get("labelDecorations")).intValue(),
                "the screening service reads the labels of an ensemble folder");
        assertEquals(Map.of(), ScreeningPipelineTest.service(ScreeningService.class).labels(model), "a model without labels");
    }

    @Test
    void refusesAModelOfADesignSpaceRecipeOnAnotherHostNamingBothRecipes() throws Exception {
        StructureRecipe other = StructureRecipe.designSpace(nasiconHost, "Na4Zr2Si3O12", "Zr1", 2, 1);
        Path withRecipe = withRecipe(model, temp.resolve("model-other-host"), other);
        ScreeningOptions options = ScreeningOptions.defaults(model, withRecipe).withTop(2).withScore(1e9, 0).withGeneration(2, 2, 1);
        ScreeningException e = assertThrows(ScreeningException.class,
                () -> ScreeningPipelineTest.service(ScreeningService.class).screen(design, options, temp.resolve("report-refused"),
                        ScreeningListener.SILENT));
        assertTrue(e.getMessage().contains(other.describe()), e.getMessage());
        assertTrue(e.getMessage().contains("design-space: host Na3Zr2Si2PO12_R-3c_average.cif"), "the run's recipe: " + e.getMessage());
        assertFalse(Files.exists(temp.resolve("report-refused").resolve("structures")), "refused before generating");
    }

    @Test
    void predictsANasiconFrameworkModelOnStructuresMadeThatWay() throws Exception {
        StructureRecipe recipe = framework(2);
        Path ehull = withRecipe(model, temp.resolve("model-nasicon"), recipe);
        Path report = temp.resolve("report-nasicon");
        ScreeningOptions options = ScreeningOptions.defaults(model, ehull).withTop(2).withScore(1e9, 0).withGeneration(2, 2, 1).withAll(true)
                .withLimit(3).withKeepStructures(true);
        ScreeningPipelineTest.service(ScreeningService.class).screen(design, options, report, ScreeningListener.SILENT);

        List<Map<String, String>> rows = ScreeningPipelineTest.csv(report.resolve("candidates.csv"));
        assertEquals(3, rows.size());
        Path folder;
        try (var list = Files.list(report.resolve("structures"))) {
            folder = list.filter(Files::isDirectory).filter(p -> p.getFileName().toString().startsWith("nasicon-framework-")).findFirst()
                    .orElseThrow(() -> new AssertionError("no nasicon-framework structures"));
        }
        assertEquals(recipe.withSeeding(2, 1, StructureRecipe.SEED_PLUS_RANK), StructureRecipe.read(folder));
        double[] host = cell(Files.readString(nasiconHost));
        DesignSpace space = DesignSpaceResources.loadDesignSpace(design);
        for (Map<String, String> r : rows) {
            assertEquals("ok", r.get("status"), r.toString());
            assertTrue(r.get("structure").startsWith("structures/c"), "the report's structure is the design-space one: " + r.get("structure"));
            Path seen = folder.resolve(Path.of(r.get("structure")).getFileName());
            assertTrue(Files.isRegularFile(seen), seen.toString());
            // the Ehull model saw the Na4Zr2Si3O12 host cell, a whole number of times, scaled by the composition's factor
            Map<String, Integer> states = new java.util.HashMap<>(NasiconComposition.M_SITE_OXIDATION_STATES);
            space.getPool().forEach(d -> states.put(d.getElement(), d.getOxidationState()));
            double scale = NasiconComposition.of(r.get("formula"), Composition.parse(r.get("formula")), states).latticeScale();
            assertTrue(Math.abs(scale - 1) > 1e-3, "a scale that differs from 1: " + scale);
            double cells = volume(cell(Files.readString(seen))) / (volume(host) * scale * scale * scale);
            assertEquals(Math.round(cells), cells, 1e-6, "host cells in the supercell of " + seen);
            double designCells = volume(cell(Files.readString(report.resolve(r.get("structure"))))) / (volume(host) * scale * scale * scale);
            assertTrue(Math.abs(designCells - Math.round(designCells)) > 1e-4, "the design-space structure is another lattice: " + designCells);
            assertTrue(Double.isFinite(Double.parseDouble(r.get("ehull_mev_atom"))));
        }
        JsonNode summary = new ObjectMapper().readTree(report.resolve("summary.json").toFile());
        JsonNode recipes = summary.path("recipes");
        assertEquals("unknown", recipes.path("eb").path("recorded").asText(), recipes.toString());
        assertTrue(recipes.path("eb").path("note").asText().contains("recipe unknown"), recipes.toString());
        assertEquals(recipe.describe(), recipes.path("ehull").path("recorded").asText(), recipes.toString());
        assertTrue(summary.path("parent").path("ehullMevAtom").isNumber(), summary.path("parent").toString());
        assertTrue(Files.readString(report.resolve("index.html"), StandardCharsets.UTF_8).contains("Structure recipes"));

        // the same run resumes; another K for the Ehull recipe regenerates from the generate stage on
        assertEquals(ScreeningService.STAGES, ScreeningPipelineTest.service(ScreeningService.class)
                .screen(design, options, report, ScreeningListener.SILENT).resumedStages());
        withRecipe(model, ehull, framework(3));
        List<String> resumed = ScreeningPipelineTest.service(ScreeningService.class).screen(design, options, report, ScreeningListener.SILENT)
                .resumedStages();
        assertEquals(List.of("funnel"), resumed);
    }

    @Test
    void buildsABarrierModelOfThePrimitiveCellRecipeOnPrimitiveCells() throws Exception {
        Path designHost = DesignSpaceResources.hostStructurePath(DesignSpaceResources.loadDesignSpace(design));
        StructureRecipe primitive = StructureRecipe.designSpace(designHost, "Na3Zr2Si2PO12", "Zr1", StructureRecipe.SMALLEST_PRIMITIVE, 2, 1);
        Path eb = withRecipe(model, temp.resolve("model-primitive"), primitive);
        Path report = temp.resolve("report-primitive");
        // the Ehull model records no recipe: it gets the run's, which follows the barrier model's cell
        ScreeningOptions options = ScreeningOptions.defaults(eb, model).withTop(2).withScore(1e9, 0).withGeneration(2, 2, 1).withLimit(3)
                .withKeepStructures(true);
        ScreeningPipelineTest.service(ScreeningService.class).screen(design, options, report, ScreeningListener.SILENT);

        double conventionalVolume = volume(cell(Files.readString(designHost)));
        List<Map<String, String>> rows = ScreeningPipelineTest.csv(report.resolve("candidates.csv"));
        assertEquals(3, rows.size());
        for (Map<String, String> r : rows) {
            assertEquals("ok", r.get("status"), r.toString());
            double cells = volume(cell(Files.readString(report.resolve(r.get("structure"))))) / conventionalVolume;
            // fifths on the Zr site: 5 primitive cells = 5/3 conventional cells (the conventional recipe needs 5)
            assertEquals(5.0 / 3, cells, 1e-6, r.get("structure") + " holds " + cells + " conventional cells");
        }
        JsonNode recipes = new ObjectMapper().readTree(report.resolve("summary.json").toFile()).path("recipes");
        assertTrue(recipes.path("eb").path("recipe").asText().contains("supercell smallest-primitive"), recipes.toString());
        assertTrue(recipes.path("ehull").path("recipe").asText().contains("supercell smallest-primitive"), recipes.toString());
    }

    @Test
    void predictsAnOccupancyModelOnMixedCellsAndReportsOrderedOnes() throws Exception {
        Path designHost = DesignSpaceResources.hostStructurePath(DesignSpaceResources.loadDesignSpace(design));
        StructureRecipe occupancy = StructureRecipe.designSpace(designHost, "Na3Zr2Si2PO12", "Zr1", StructureRecipe.PRIMITIVE_OCCUPANCY, 2, 1);
        Path eb = withRecipe(model, temp.resolve("model-occupancy"), occupancy);
        Path ehull = withRecipe(model, temp.resolve("ehull-occupancy"), occupancy);
        Path report = temp.resolve("report-occupancy");
        // both models read mixed cells, so the ordered ones are made only for the candidates the report keeps
        ScreeningOptions options = ScreeningOptions.defaults(eb, ehull).withTop(2).withScore(1e9, 0).withGeneration(2, 2, 1).withLimit(3);
        List<String> messages = java.util.Collections.synchronizedList(new ArrayList<>());
        ScreeningPipelineTest.service(ScreeningService.class).screen(design, options, report, new ScreeningListener() {
            @Override
            public void stage(String name, boolean resumed) {
            }

            @Override
            public void progress(String stage, int done, int total, double etaSeconds) {
            }

            @Override
            public void message(String text) {
                messages.add(text);
            }
        });
        assertTrue(messages.stream().anyMatch(m -> m.contains("made only for the candidates a stage needs")), messages.toString());
        assertTrue(messages.stream().noneMatch(m -> m.startsWith("generate: recipe design-space") && m.contains("smallest-primitive")),
                messages.toString());

        double conventionalVolume = volume(cell(Files.readString(designHost)));
        List<Map<String, String>> rows = ScreeningPipelineTest.csv(report.resolve("candidates.csv"));
        assertEquals(3, rows.size());
        List<Map<String, String>> reported = rows.stream().filter(r -> !r.get("structure").isEmpty()).toList();
        assertTrue(reported.size() >= 2 && reported.size() <= 3, rows.toString());
        try (var files = Files.list(report.resolve("structures"))) {
            assertEquals(reported.size(), files.filter(f -> f.toString().endsWith(".cif") && !f.getFileName().toString().startsWith("parent"))
                    .count(), "ordered structures made beyond those reported");
        }
        for (Map<String, String> r : reported) {
            assertEquals("ok", r.get("status"), r.toString());
            // the report's structure (and the oracle's) is the ordered primitive supercell the mixed cell stands for
            String ordered = Files.readString(report.resolve(r.get("structure")));
            assertEquals(5.0 / 3, volume(cell(ordered)) / conventionalVolume, 1e-6);
            assertTrue(ordered.contains(" 1\n") || ordered.contains(" 1\r\n"), "ordered sites have occupancy 1");
        }
        // the barrier model read mixed cells: one primitive cell (a third of the conventional) with 0.2 of each M cation
        JsonNode recipes = new ObjectMapper().readTree(report.resolve("summary.json").toFile()).path("recipes");
        assertTrue(recipes.path("eb").path("recipe").asText().contains("supercell primitive-occupancy"), recipes.toString());
        try (var folders = Files.list(report.resolve("structures"))) {
            Path mixed = folders.filter(Files::isDirectory).findFirst().orElseThrow();
            try (var cifs = Files.list(mixed)) {
                Path one = cifs.filter(f -> f.toString().endsWith(".cif") && !f.getFileName().toString().startsWith("parent")).findFirst()
                        .orElseThrow();
                String cif = Files.readString(one);
                assertEquals(1.0 / 3, volume(cell(cif)) / conventionalVolume, 1e-6, one.toString());
                assertTrue(cif.contains("0.200000"), one + " has no fifth occupancies");
            }
        }
    }

    /** The members of {@code ensemble} copied to {@code folder} with {@code recipe} in their model.json metrics. */
    static Path withRecipe(Path ensemble, Path folder, StructureRecipe recipe) throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (String member : List.of("fold_1", "fold_2")) {
            Path to = Files.createDirectories(folder.resolve(member));
            try (var files = Files.list(ensemble.resolve(member))) {
                for (Path f : files.toList()) {
                    Files.copy(f, to.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
            ObjectNode descriptor = (ObjectNode) json.readTree(to.resolve("model.json").toFile());
            ((ObjectNode) descriptor.get("metrics")).set(ModelDescriptor.RECIPE, recipe.toTree());
            json.writeValue(to.resolve("model.json").toFile(), descriptor);
        }
        return folder;
    }

    /** a, b, c (Angstrom), alpha, beta, gamma (degrees) of a CIF. */
    static double[] cell(String cif) {
        String[] keys = {"_cell_length_a", "_cell_length_b", "_cell_length_c", "_cell_angle_alpha", "_cell_angle_beta", "_cell_angle_gamma"};
        double[] v = new double[6];
        List<String> found = new ArrayList<>();
        for (String line : cif.split("\n")) {
            String[] f = line.trim().split("\\s+");
            for (int i = 0; i < keys.length; i++) {
                if (f.length >= 2 && f[0].equals(keys[i])) {
                    v[i] = Double.parseDouble(f[1].replaceAll("\\(.*\\)", ""));
                    found.add(keys[i]);
                }
            }
        }
        assertEquals(6, found.size(), "cell of the CIF: " + found);
        return v;
    }

    static double volume(double[] c) {
        double ca = Math.cos(Math.toRadians(c[3]));
        double cb = Math.cos(Math.toRadians(c[4]));
        double cg = Math.cos(Math.toRadians(c[5]));
        return c[0] * c[1] * c[2] * Math.sqrt(1 - ca * ca - cb * cb - cg * cg + 2 * ca * cb * cg);
    }
}
