package org.cgformer.screening.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cgformer.design.model.DesignSpace;
import org.cgformer.design.model.resource.DesignSpaceResources;
import org.cgformer.graph.api.FeaturizerRegistry;
import org.cgformer.graph.api.GraphOptions;
import org.cgformer.ml.api.Dataset;
import org.cgformer.ml.api.PropertyModel;
import org.cgformer.ml.api.Sample;
import org.cgformer.ml.api.TrainedModel;
import org.cgformer.ml.api.TrainingOptions;
import org.cgformer.screening.api.Calibration;
import org.cgformer.screening.api.Candidate;
import org.cgformer.screening.api.ScreeningException;
import org.cgformer.screening.api.Skill;
import org.cgformer.screening.api.ScreeningListener;
import org.cgformer.screening.api.ScreeningOptions;
import org.cgformer.screening.api.ScreeningResult;
import org.cgformer.screening.api.ScreeningService;
import org.cgformer.structure.api.StructureReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A miniature screening end to end: a design space of six dopants (15 combinations; with --all those with Mg and Ca
 * together need more Na than NASICON has sites and fail in generation), two tiny two-member CGCNN ensembles trained
 * here on every 50th structure of matbench_jdft2d (real data, 3 epochs), the report checked for consistency, and a
 * second run that resumes.
 */
class ScreeningPipelineTest {

    @TempDir
    static Path temp;

    static Path design;
    static Path ebModel;
    static Path ehullModel;

    @BeforeAll
    static void tinyDesignSpaceAndModels() throws Exception {
        design = tinyDesignSpace(temp.resolve("tiny.designspace"), List.of("Ti", "Hf", "Sn", "Nb", "Mg", "Ca"));
        List<Sample> samples = samples();
        ebModel = ensemble(temp.resolve("eb"), samples, 1);
        ehullModel = ensemble(temp.resolve("ehull"), samples, 2);
    }

    @Test
    void keepsTheReportedStructuresAndMakesOthersAgainTheSame() throws Exception {
        ScreeningService service = service(ScreeningService.class);
        ScreeningOptions options = ScreeningOptions.defaults(ebModel, ehullModel).withAll(true).withTop(2).withScore(1e9, 0)
                .withGeneration(3, 2, 1);
        Path lean = temp.resolve("report-lean");
        Path full = temp.resolve("report-full");
        service.screen(design, options, lean, ScreeningListener.SILENT);
        service.screen(design, options.withKeepStructures(true), full, ScreeningListener.SILENT);

        List<Map<String, String>> ok = csv(lean.resolve("candidates.csv")).stream().filter(r -> r.get("status").equals("ok")).toList();
        List<Map<String, String>> reported = ok.stream().filter(r -> r.get("shortlist").equals("true") || r.get("pareto").equals("true"))
                .toList();
        assertTrue(reported.size() < ok.size(), "some candidates are neither shortlisted nor on the front: " + ok);
        for (Map<String, String> r : ok) {
            boolean kept = reported.contains(r);
            assertEquals(kept, !r.get("structure").isEmpty(), r.toString());
            assertEquals(kept, Files.isRegularFile(lean.resolve("structures").resolve(r.get("id") + "_" + r.get("formula") + ".cif")),
                    r.toString());
        }
        for (Map<String, String> r : csv(full.resolve("candidates.csv"))) {
            assertEquals(r.get("status").equals("ok"), !r.get("structure").isEmpty(), "--keep-structures keeps all: " + r);
        }
        // the lean run made its models' structures and graphs in memory, the full one wrote and read them as files: the same
        // predictions, ranks and failures (the Mg + Ca candidates), to the digit
        List<Map<String, String>> leanRows = csv(lean.resolve("candidates.csv"));
        List<Map<String, String>> fullRows = csv(full.resolve("candidates.csv"));
        assertEquals(15, leanRows.size());
        assertEquals(6, leanRows.stream().filter(r -> r.get("message").startsWith("structure generation:")).count(), leanRows.toString());
        for (int i = 0; i < leanRows.size(); i++) {
            Map<String, String> a = new java.util.HashMap<>(leanRows.get(i));
            Map<String, String> b = new java.util.HashMap<>(fullRows.get(i));
            a.remove("structure");
            b.remove("structure");
            assertEquals(b, a, "candidate " + i);
        }
        assertFalse(Files.exists(lean.resolve("graphs")), "no graph cache");
        try (var files = Files.walk(lean.resolve("structures"))) {
            assertEquals(reported.size(), files.filter(f -> f.getFileName().toString().startsWith("c")).count(),
                    "the lean run wrote only the reported candidates' structures");
        }

        // a longer shortlist: the newly listed structures are made again, byte for byte those a full run kept
        service.screen(design, options.withTop(6), lean, ScreeningListener.SILENT);
        List<Map<String, String>> six = csv(lean.resolve("shortlist.csv"));
        assertEquals(6, six.size());
        for (Map<String, String> r : six) {
            assertEquals(Files.readString(full.resolve(r.get("structure"))), Files.readString(lean.resolve(r.get("structure"))), r.get("id"));
        }
    }

    @Test
    void screensEveryCombinationListsFailuresAndResumes() throws Exception {
        ScreeningService service = service(ScreeningService.class);
        Path report = temp.resolve("report-all");
        ScreeningOptions options = ScreeningOptions.defaults(ebModel, ehullModel).withBaselines(ebModel, null).withAll(true).withTop(4)
                .withScore(1e9, 0).withGeneration(3, 2, 1);
        List<String> stages = new ArrayList<>();
        ScreeningResult result = service.screen(design, options, report, recording(stages));
        assertEquals(List.of("funnel", "generate", "featurize", "predict", "rank", "validate", "report"), stages);
        assertTrue(result.resumedStages().isEmpty());

        List<Map<String, String>> rows = csv(report.resolve("candidates.csv"));
        assertEquals(15, rows.size(), "C(6, 4) combinations with --all");
        List<Map<String, String>> failed = rows.stream().filter(r -> r.get("status").equals("failed")).toList();
        // Mg + Ca + two of Ti/Hf/Sn/Nb: mean valence 3.2-3.4, Na 4.2-4.6 per formula unit > the 4 Na sites
        assertEquals(6, failed.size(), "failed: " + failed);
        for (Map<String, String> f : failed) {
            assertTrue(f.get("dopants").contains("Mg:") && f.get("dopants").contains("Ca:"), f.toString());
            assertTrue(f.get("message").startsWith("structure generation:"), f.get("message"));
            assertEquals("", f.get("rank"));
            assertEquals("", f.get("structure"));
        }
        checkConsistency(report, rows, 4);
        assertFalse(Files.exists(report.resolve("graphs")), "the graph files are deleted when the run is done");
        // the failures by kind: one reason with different numbers is one kind
        JsonNode reasons = new ObjectMapper().readTree(report.resolve("summary.json").toFile()).path("failureReasons");
        assertEquals(1, reasons.size(), reasons.toString());
        assertEquals(6, reasons.get(0).path("candidates").asInt(), reasons.toString());
        assertTrue(reasons.get(0).path("reason").asText().contains("#.# Na per formula unit"), reasons.toString());

        // the same inputs: every stage resumes, nothing is rewritten
        Path firstCif = report.resolve(rows.get(0).get("structure"));
        FileTime written = Files.getLastModifiedTime(firstCif);
        stages.clear();
        ScreeningResult again = service.screen(design, options, report, recording(stages));
        assertEquals(ScreeningService.STAGES, again.resumedStages());
        assertEquals(written, Files.getLastModifiedTime(firstCif));
        assertEquals(result.candidates(), again.candidates());

        // another shortlist size: only rank and report run again
        ScreeningResult top2 = service.screen(design, options.withTop(2), report, ScreeningListener.SILENT);
        assertEquals(List.of("funnel", "generate", "featurize", "predict"), top2.resumedStages());
        JsonNode summary = new ObjectMapper().readTree(report.resolve("summary.json").toFile());
        assertFalse(summary.path("skill").path("measured").asBoolean(true), summary.path("skill").toString());
        assertTrue(Files.readString(report.resolve("index.html")).contains("Skill unmeasured"), "a ranking without skill says so");
        assertTrue(top2.skill().get(0).startsWith("skill unmeasured"), top2.skill().toString());
        assertEquals(2, csv(report.resolve("shortlist.csv")).size());
    }

    @Test
    void screensTheFunnelSurvivorsWithClusters() throws Exception {
        ScreeningService service = service(ScreeningService.class);
        Path report = temp.resolve("report-filtered");
        // the tiny models predict exfoliation energies (hundreds of meV/atom): a ceiling above them all
        Path fineTuned = fineTunedCopy(ebModel, temp.resolve("eb-finetuned"));
        // skill against the oracle (BVSE on a coarse 0.5 A grid, for time) on 4 held-out candidates, the second tiny ensemble
        // as the baseline; conductivities calibrated to the parent
        ScreeningOptions options = ScreeningOptions.defaults(fineTuned, ehullModel).withBaselines(ehullModel, null).withTop(3)
                .withScore(1e9, 0).withGeneration(2, 2, 1).withValidation(4, 0.5)
                .withCalibration(Calibration.parse("Na3Zr2Si2PO12=1e-3@298.15")).withKeepGraphs(true);
        ScreeningResult result = service.screen(design, options, report, ScreeningListener.SILENT);
        List<Map<String, String>> rows = csv(report.resolve("candidates.csv"));
        JsonNode summary = new ObjectMapper().readTree(report.resolve("summary.json").toFile());
        long survivors = summary.path("funnel").path("survivors").asLong();
        assertEquals(survivors, rows.size());
        assertTrue(survivors > 0 && survivors < 15, "the rules remove some of the 15: " + survivors);
        assertEquals(0, result.failed());
        try (var graphs = Files.list(report.resolve("graphs"))) {
            assertTrue(graphs.findAny().isPresent(), "--keep-graphs keeps them");
        }
        Set<String> clusters = new HashSet<>();
        rows.forEach(r -> clusters.add(r.get("cluster")));
        assertEquals(Math.min(2, rows.size()), clusters.size(), "clusters " + clusters);
        checkConsistency(report, rows, 3);

        // the article's two stages: the parent named in the fine-tuned model.json is reported as the pre-training
        JsonNode pretrained = summary.path("models").path("eb-pretrained");
        assertEquals(ebModel.resolve("fold_1").toAbsolutePath().normalize().toString(), pretrained.path("folder").asText(),
                summary.path("models").toString());
        assertTrue(pretrained.path("testPredictionsPooled").path("mae").isNumber(), pretrained.toString());
        assertTrue(Files.isRegularFile(report.resolve("plots").resolve("parity-eb-pretrained-cgcnn.png")));

        // Delta Eb against the parent, predicted by the same models on a parent generated the same way
        JsonNode parent = summary.path("parent");
        assertEquals("Na3Zr2Si2PO12", parent.path("formula").asText(), parent.toString());
        double parentEb = parent.path("ebEv").asDouble(Double.NaN);
        assertTrue(Double.isFinite(parentEb), parent.toString());
        assertTrue(Files.isRegularFile(report.resolve(parent.path("structure").asText())));
        double kT = org.cgformer.screening.api.Ranking.BOLTZMANN_EV_PER_K * 298.15;
        for (Map<String, String> r : rows) {
            double eb = Double.parseDouble(r.get("eb_ev"));
            assertEquals(eb - parentEb, Double.parseDouble(r.get("delta_eb_ev")), 1e-5 * Math.max(1, Math.abs(eb)));
            double sigma = Double.parseDouble(r.get("conductivity_s_cm"));
            // from the printed (6-digit) Delta Eb: a few per cent of sigma for the tiny models' large barriers
            double expected = 1e-3 * Math.exp(-Double.parseDouble(r.get("delta_eb_ev")) / kT);
            assertEquals(expected, sigma, 0.05 * Math.max(expected, 1e-300), "calibrated to the parent: " + r);
        }
        assertTrue(summary.path("conductivity").path("calibrated").asBoolean(), summary.path("conductivity").toString());

        // the skill section: the oracle's values, every predictor's scores recomputed from the per-candidate values
        JsonNode skill = summary.path("skill");
        assertTrue(skill.path("measured").asBoolean(), skill.toString());
        assertTrue(skill.path("oracle").asText().contains("grid 0.5 A"), skill.path("oracle").asText());
        int n = skill.path("n").asInt();
        assertEquals(4, n + skill.path("refused").size(), skill.toString());
        assertTrue(n >= 2, skill.toString());
        JsonNode detail = new ObjectMapper().readTree(report.resolve("stages").resolve("skill.json").toFile());
        double[] oracle = new double[n];
        double[] predicted = new double[n];
        for (int i = 0; i < n; i++) {
            JsonNode c = detail.path("candidates").get(i);
            oracle[i] = c.path("oracleEbEv").asDouble();
            predicted[i] = c.path("predictedEbEv").path("cgcnn").asDouble();
            String id = c.path("id").asText();
            Map<String, String> row = rows.stream().filter(r -> r.get("id").equals(id)).findFirst().orElseThrow();
            assertEquals(Double.parseDouble(row.get("eb_ev")), predicted[i], 1e-5 * Math.abs(predicted[i]), "the ranked value is scored");
            assertTrue(oracle[i] > 0 && oracle[i] < 10, "a BVSE barrier in eV: " + oracle[i]);
        }
        Skill.Scores expected = Skill.of(predicted, oracle, 3);
        JsonNode model = skill.path("models").path("cgcnn");
        assertEquals(expected.mae(), model.path("mae").asDouble(), 1e-9);
        assertEquals(expected.topRecall(), model.path("topRecall").asDouble(), 1e-9);
        assertTrue(skill.path("models").has("cgcnn-baseline") && skill.path("models").has("random"), skill.path("models").toString());
        assertTrue(skill.path("composition").asText().contains("not measured"), "the tiny models' labels are not design-space structures");
        assertTrue(Files.isRegularFile(report.resolve("plots").resolve("skill-cgcnn.png")));
        String html = Files.readString(report.resolve("index.html"), StandardCharsets.UTF_8);
        assertTrue(html.indexOf("How far to trust this ranking") < html.indexOf("<h2>Models"), "skill first");
        assertFalse(html.contains("Skill unmeasured"));

        // an oracle averaged over 3 decorations: only validation and report run again; decoration 0 is the candidate's own
        // structure (the label above), the others are other decorations of the same composition, and the label is the mean
        Map<String, Double> single = new HashMap<>();
        for (int i = 0; i < n; i++) {
            single.put(detail.path("candidates").get(i).path("id").asText(), oracle[i]);
        }
        ScreeningResult averaged = service.screen(design, options.withOracleDecorations(3), report, ScreeningListener.SILENT);
        assertEquals(List.of("funnel", "generate", "featurize", "predict", "rank"), averaged.resumedStages());
        JsonNode detail3 = new ObjectMapper().readTree(report.resolve("stages").resolve("skill.json").toFile());
        assertTrue(detail3.path("oracle").asText().contains("mean over 3 decorations"), detail3.path("oracle").asText());
        assertEquals(3, detail3.path("oracleDecorations").asInt());
        boolean anyDiffers = false;
        for (JsonNode c : detail3.path("candidates")) {
            JsonNode values = c.path("oracleDecorationsEbEv");
            assertTrue(values.size() >= 1 && values.size() <= 3, c.toString());
            double sum = 0;
            for (JsonNode v : values) {
                sum += v.asDouble();
                anyDiffers |= Math.abs(v.asDouble() - values.get(0).asDouble()) > 1e-6;
            }
            assertEquals(sum / values.size(), c.path("oracleEbEv").asDouble(), 1e-12, "the label is the mean");
            Double own = single.get(c.path("id").asText());
            if (own != null && values.size() == 3) {
                assertEquals(own, values.get(0).asDouble(), 1e-12, "decoration 0 is the screened structure");
            }
        }
        assertTrue(anyDiffers, "other decorations give other barriers: " + detail3.path("candidates"));
        assertTrue(detail3.path("oracleDecorationStdEv").asDouble() > 0, detail3.toString());
        try (var left = Files.list(report.resolve("stages"))) {
            assertFalse(left.anyMatch(f -> f.getFileName().toString().equals("oracle")), "the decorations' scratch folder is gone");
        }
    }

    @Test
    void aCalibrationOfAnUnknownCompositionIsRefusedByName() throws Exception {
        ScreeningService service = service(ScreeningService.class);
        ScreeningOptions options = ScreeningOptions.defaults(ebModel, null).withTop(3).withScore(1e9, 0).withGeneration(2, 2, 1)
                .withCalibration(Calibration.parse("Li7La3Zr2O12=1e-4@298.15"));
        ScreeningException e = assertThrows(ScreeningException.class,
                () -> service.screen(design, options, temp.resolve("report-calibration"), ScreeningListener.SILENT));
        assertTrue(e.getMessage().contains("Li7La3Zr2O12") && e.getMessage().contains("Na3Zr2Si2PO12"), e.getMessage());
    }

    /**
     * The members of {@code ensemble} copied with a {@code parent} record in model.json, as {@code cgformer finetune}
     * writes it (here pointing to the first member, which has parity.csv but no metrics.json around it).
     */
    static Path fineTunedCopy(Path ensemble, Path folder) throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (String member : List.of("fold_1", "fold_2")) {
            Path from = ensemble.resolve(member);
            Path to = Files.createDirectories(folder.resolve(member));
            try (var files = Files.list(from)) {
                for (Path f : files.toList()) {
                    Files.copy(f, to.resolve(f.getFileName()));
                }
            }
            ObjectNode model = (ObjectNode) json.readTree(to.resolve("model.json").toFile());
            ((ObjectNode) model.get("metrics")).putObject("parent").put("path",
                    ensemble.resolve("fold_1").toAbsolutePath().normalize().toString()).put("model", "cgcnn").put("member", "fold_1");
            json.writeValue(to.resolve("model.json").toFile(), model);
        }
        return folder;
    }

    /** Ranks sorted, shortlist within candidates, Pareto points non-dominated, files and plots present. */
    static void checkConsistency(Path report, List<Map<String, String>> rows, int top) throws Exception {
        List<Map<String, String>> ok = rows.stream().filter(r -> r.get("status").equals("ok")).toList();
        for (int i = 0; i < ok.size(); i++) {
            assertEquals(Integer.toString(i + 1), ok.get(i).get("rank"), "ranks are 1..n in file order");
            // by default only the shortlist's, the Pareto front's and the validated candidates' structures are kept
            String structure = ok.get(i).get("structure");
            boolean reported = ok.get(i).get("shortlist").equals("true") || ok.get(i).get("pareto").equals("true");
            assertTrue(structure.isEmpty() ? !reported : Files.isRegularFile(report.resolve(structure)), ok.get(i).toString());
            assertEquals("", ok.get(i).get("message"));
            if (i > 0) {
                assertTrue(Double.parseDouble(ok.get(i - 1).get("score")) <= Double.parseDouble(ok.get(i).get("score")), "scores sorted");
            }
        }
        assertEquals(ok.size(), rows.indexOf(ok.get(ok.size() - 1)) + 1, "failed candidates come last");
        List<Map<String, String>> shortlist = csv(report.resolve("shortlist.csv"));
        assertEquals(Math.min(top, ok.size()), shortlist.size());
        for (Map<String, String> s : shortlist) {
            assertTrue(rows.contains(s), "shortlist row is a candidates row: " + s);
            assertEquals("true", s.get("shortlist"));
        }
        for (Map<String, String> r : ok) {
            double eb = Double.parseDouble(r.get("eb_ev"));
            double ehull = Double.parseDouble(r.get("ehull_mev_atom"));
            assertTrue(Double.parseDouble(r.get("eb_std_ev")) >= 0);
            boolean dominated = ok.stream().anyMatch(o -> {
                double e2 = Double.parseDouble(o.get("eb_ev"));
                double h2 = Double.parseDouble(o.get("ehull_mev_atom"));
                return e2 <= eb && h2 <= ehull && (e2 < eb || h2 < ehull);
            });
            assertEquals(!dominated, Boolean.parseBoolean(r.get("pareto")), "Pareto flag of " + r);
        }
        JsonNode summary = new ObjectMapper().readTree(report.resolve("summary.json").toFile());
        assertEquals(rows.size(), summary.path("candidates").path("total").asInt());
        assertTrue(summary.path("funnel").path("steps").size() >= 5, "every funnel step: " + summary.path("funnel"));
        assertTrue(summary.path("models").path("eb").path("testPredictionsPooled").path("mae").isNumber(), summary.path("models").toString());
        assertTrue(summary.path("models").path("ehull").path("members").asInt() == 2);
        assertTrue(summary.path("score").path("definition").asText().contains("score = Eb"));
        assertTrue(summary.path("conductivity").has("note"), summary.path("conductivity").toString());
        for (String plot : List.of("eb-vs-ehull.png", "funnel.png", "parity-eb-cgcnn.png", "residuals-eb-cgcnn.png",
                "parity-ehull-cgcnn.png", "residuals-ehull-cgcnn.png")) {
            Path png = report.resolve("plots").resolve(plot);
            assertTrue(Files.isRegularFile(png), plot);
            byte[] head = Files.readAllBytes(png);
            assertTrue(head.length > 1000 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G', plot + " is a PNG");
        }
        String html = Files.readString(report.resolve("index.html"), StandardCharsets.UTF_8);
        assertTrue(html.contains("plots/eb-vs-ehull.png") && html.contains("Shortlist"), "index.html shows plots and tables");
        assertFalse(html.contains("NaN"), "no NaN in the page");
    }

    private static ScreeningListener recording(List<String> stages) {
        return new ScreeningListener() {
            @Override
            public void stage(String name, boolean resumed) {
                if (!resumed) {
                    stages.add(name);
                }
            }

            @Override
            public void progress(String stage, int done, int total, double etaSeconds) {
            }

            @Override
            public void message(String text) {
                System.out.println("[screening test] " + text);
            }
        };
    }

    static Path tinyDesignSpace(Path file, List<String> pool) throws Exception {
        Path example = Paths.get(System.getProperty("cgformer.examples", "examples")).resolve("nasicon-zr-site.designspace");
        DesignSpace space = DesignSpaceResources.loadDesignSpace(example);
        space.setHostStructure(DesignSpaceResources.hostStructurePath(space).toAbsolutePath().toString());
        space.getPool().removeIf(d -> !pool.contains(d.getElement()));
        DesignSpaceResources.save(space, file);
        return file;
    }

    static List<Sample> samples() throws Exception {
        Path data = Paths.get(System.getProperty("cgformer.shared.data", "../shared/data")).resolve("benchmarks/matbench_jdft2d");
        Dataset dataset = Dataset.read(data);
        List<Integer> every50th = new ArrayList<>();
        for (int i = 0; i < dataset.size(); i += 50) {
            every50th.add(i);
        }
        return dataset.subset(every50th).samples(service(FeaturizerRegistry.class).get("cgcnn"), GraphOptions.defaults(),
                services(StructureReader.class));
    }

    /** Two CGCNN models, each trained on one half and tested on the other, saved as fold_1 and fold_2 with parity.csv. */
    static Path ensemble(Path folder, List<Sample> samples, long seed) throws Exception {
        PropertyModel cgcnn = services(PropertyModel.class).stream().filter(m -> m.name().equals("cgcnn")).findFirst().orElseThrow();
        ObjectNode hp = JsonNodeFactory.instance.objectNode().put("hiddenSize", 16).put("headSize", 16).put("convLayers", 1);
        TrainingOptions options = TrainingOptions.defaults().withEpochs(3).withBatchSize(4).withPatience(0).withSeed(seed);
        int half = samples.size() / 2;
        List<List<Sample>> parts = List.of(samples.subList(0, half), samples.subList(half, samples.size()));
        for (int k = 0; k < 2; k++) {
            List<Sample> train = parts.get(k);
            List<Sample> test = parts.get(1 - k);
            try (TrainedModel model = cgcnn.train(train, List.of(), hp, options, p -> { }, null)) {
                Path fold = folder.resolve("fold_" + (k + 1));
                model.save(fold);
                double[] predicted = model.predict(test.stream().map(Sample::graph).toList());
                StringBuilder csv = new StringBuilder("id,target,predicted,residual\n");
                for (int i = 0; i < test.size(); i++) {
                    csv.append(test.get(i).id()).append(',').append(test.get(i).target()).append(',').append(predicted[i]).append(',')
                            .append(predicted[i] - test.get(i).target()).append('\n');
                }
                Files.writeString(fold.resolve("parity.csv"), csv);
            }
        }
        return folder;
    }

    static List<Map<String, String>> csv(Path file) throws Exception {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String[] header = lines.get(0).split(",", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> fields = splitCsv(line);
            assertEquals(header.length, fields.size(), file + ": " + line);
            Map<String, String> row = new java.util.LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], fields.get(i));
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<String> splitCsv(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                field.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        out.add(field.toString());
        return out;
    }

    static <T> T service(Class<T> type) throws InterruptedException {
        return services(type).get(0);
    }

    static <T> List<T> services(Class<T> type) throws InterruptedException {
        BundleContext context = FrameworkUtil.getBundle(ScreeningPipelineTest.class).getBundleContext();
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        try {
            if (tracker.waitForService(30_000) == null) {
                throw new AssertionError("no " + type.getSimpleName() + " service after 30 s");
            }
            List<T> out = new ArrayList<>();
            for (Object o : tracker.getServices()) {
                out.add(type.cast(o));
            }
            return out;
        } finally {
            tracker.close();
        }
    }
}
