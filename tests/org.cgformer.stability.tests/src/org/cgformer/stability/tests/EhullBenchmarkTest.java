package org.cgformer.stability.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.cgformer.ml.api.ModelDescriptor;
import org.cgformer.ml.api.PropertyModel;
import org.cgformer.ml.api.Split;
import org.cgformer.ml.api.TrainingOptions;
import org.cgformer.ml.training.Ensemble;
import org.cgformer.ml.training.EnsemblePrediction;
import org.cgformer.ml.training.LabelledData;
import org.cgformer.ml.training.TrainingMonitor;
import org.cgformer.ml.training.TrainingService;
import org.cgformer.stability.api.CompositionTable;
import org.cgformer.stability.api.RandomForest;
import org.cgformer.stability.api.TargetTransform;
import org.cgformer.stability.api.TransformedEnsemble;
import org.cgformer.stability.ehull.EhullBenchmark;
import org.cgformer.stability.ehull.EhullDatasetWriter;
import org.cgformer.stability.ehull.NasiconStructures;
import org.cgformer.stability.ehull.NasiconStructures.LatticeMode;
import org.cgformer.structure.api.Structure;
import org.cgformer.structure.api.StructureReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 30 real rows → structures → 2-epoch CGformer and the forest on the same 3 folds. */
class EhullBenchmarkTest {

    @Test
    void crossValidatesGraphModelAndForestOnTheSameFolds(@TempDir Path folder) throws Exception {
        List<StructureReader> readers = Services.all(StructureReader.class);
        Structure host = StructureReader.readFile(readers, Services.HOST).structure();
        CompositionTable full = CompositionTable.read(Services.EHULL_CSV, "CompName", "NewEhullLst", "ehull");
        // every 100th row: 32 compositions from all over the table
        List<CompositionTable.Row> rows = java.util.stream.IntStream.range(0, full.rows().size()).filter(i -> i % 100 == 0)
                .mapToObj(full.rows()::get).toList();
        CompositionTable table = new CompositionTable(full.file(), full.featureNames(), rows, List.of());
        Path data = folder.resolve("data");
        new EhullDatasetWriter(new NasiconStructures(host, "host", LatticeMode.SCALED, 2), 1).write(table, data, (r, f, t, x) -> { });
        TrainingService training = Services.all(TrainingService.class).get(0);
        PropertyModel cgformer = training.model("cgformer");
        LabelledData labelled = training.loadDataset(data, training.featurizer(cgformer.defaultFeaturizer()), null, TrainingMonitor.NONE);
        assertEquals(rows.size(), labelled.size(), "refused: " + labelled.refused());
        double[] targets = labelled.samples().stream().mapToDouble(org.cgformer.ml.api.Sample::target).toArray();
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(rows.get(i).target(), targets[i], 1e-9, "targets are kept on the original scale in the data");
        }

        List<Split> splits = EhullBenchmark.folds(labelled.size(), 3, 5);
        StringWriter log = new StringWriter();
        EhullBenchmark bench = new EhullBenchmark(labelled.ids(), targets, splits, TargetTransform.asinh(100), new PrintWriter(log));
        Path models = folder.resolve("cgformer");
        EhullBenchmark.ModelResult graph = bench.graphModel(training, cgformer, labelled, new TrainingOptions(2, 8, 3e-3, 0, 0, 1), models,
                TrainingMonitor.NONE);
        EhullBenchmark.ModelResult forest = bench.forest(EhullDatasetWriter.readFeatures(data), RandomForest.builder().optTrees(30));

        // the same test rows for both models, every row tested exactly once
        assertEquals(new HashSet<>(graph.ids()), new HashSet<>(forest.ids()));
        assertEquals(rows.size(), new HashSet<>(graph.ids()).size());
        for (EhullBenchmark.ModelResult r : List.of(graph, forest)) {
            assertEquals(3, r.folds().size());
            r.folds().forEach(f -> assertTrue(Double.isFinite(f.mae()) && f.mae() > 0 && f.medianAe() <= f.rmse(), r.model() + " " + f));
        }
        Set<String> written = new HashSet<>();
        for (Split split : splits) {
            ModelDescriptor d = ModelDescriptor.read(models.resolve(split.name()));
            assertEquals("asinh:100.0", d.metrics().get("targetTransform"));
            assertEquals(split.test().size(), Files.readAllLines(models.resolve(split.name()).resolve("parity-original.csv")).size() - 1);
            written.add(split.name());
        }
        assertEquals(3, written.size());
        assertTrue(log.toString().contains("cgformer fold_2: test MAE"), log.toString());
        // a second run reuses the finished folds (the service's resume) and gives the same predictions
        EhullBenchmark.ModelResult again = bench.graphModel(training, cgformer, labelled, new TrainingOptions(2, 8, 3e-3, 0, 0, 1), models,
                TrainingMonitor.NONE);
        assertEquals(graph.predictions(), again.predictions());

        // the fold ensemble predicts on the original scale: member fold_0 on its test structures gives parity-original.csv
        try (Ensemble ensemble = training.loadEnsemble(models, false)) {
            assertEquals(3, ensemble.size());
            assertEquals("asinh(y/100.0)", TransformedEnsemble.transformOf(ensemble).name());
            List<String> lines = Files.readAllLines(models.resolve("fold_0").resolve("parity-original.csv"));
            java.util.Map<String, org.cgformer.ml.api.Sample> byId = new java.util.HashMap<>();
            labelled.samples().forEach(sample -> byId.put(sample.id(), sample));
            List<String[]> rowsOf0 = lines.subList(1, lines.size()).stream().map(l -> l.split(",")).toList();
            List<EnsemblePrediction> predictions = TransformedEnsemble.predict(ensemble,
                    rowsOf0.stream().map(r -> byId.get(r[0]).graph()).toList());
            int member = ensemble.members().stream().map(Ensemble.Member::name).toList().indexOf("fold_0");
            for (int i = 0; i < rowsOf0.size(); i++) {
                double expected = Double.parseDouble(rowsOf0.get(i)[2]);
                assertEquals(expected, predictions.get(i).values()[member], 1e-3 * Math.max(1, Math.abs(expected)), rowsOf0.get(i)[0]);
                assertTrue(predictions.get(i).std() >= 0);
            }
        }
    }
}
