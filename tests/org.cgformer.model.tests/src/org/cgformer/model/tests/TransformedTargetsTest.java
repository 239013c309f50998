package org.cgformer.model.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import org.cgformer.ml.training.Ensemble;
import org.cgformer.ml.training.EnsemblePrediction;
import org.cgformer.ml.training.GraphSet;
import org.cgformer.ml.training.TargetTransform;
import org.cgformer.ml.training.TrainingMonitor;
import org.cgformer.ml.training.TrainingService;
import org.junit.jupiter.api.Test;

/** Models trained on transformed targets (the shipped Ehull ensemble: asinh:100) predict in the targets' own units. */
class TransformedTargetsTest {

    @Test
    void theShippedEhullEnsemblePredictsInMeVPerAtomMemberByMember() throws Exception {
        TrainingService service = Fixtures.service(TrainingService.class);
        Path models = Paths.get(System.getProperty("cgformer.examples", "../../examples")).resolve("models/ehull-cgformer");
        List<Path> files = List.of(Fixtures.data("nasicon/Na3Zr2Si2PO12_R-3c_average.cif"), Fixtures.data("nasicon/Na4Zr2Si3O12_R-3c.cif"));
        try (Ensemble ensemble = service.loadEnsemble(models, false)) {
            assertEquals("asinh:100.0", ensemble.targetTransform());
            GraphSet graphs = service.featurize(files, ensemble.featurizer(), null, TrainingMonitor.NONE);
            assertEquals(2, graphs.size());
            List<EnsemblePrediction> transformed = ensemble.predict(graphs.graphs());
            List<EnsemblePrediction> meV = ensemble.predictOnOriginalScale(graphs.graphs());
            for (int i = 0; i < graphs.size(); i++) {
                double[] members = transformed.get(i).values();
                double sum = 0;
                for (int k = 0; k < members.length; k++) {
                    double expected = 100 * Math.sinh(members[k]);
                    assertEquals(expected, meV.get(i).values()[k], 1e-9 * Math.max(1, Math.abs(expected)));
                    sum += expected;
                }
                // the mean of the members' meV/atom, not the transformed mean transformed back
                assertEquals(sum / members.length, meV.get(i).mean(), 1e-9 * Math.max(1, Math.abs(sum)));
                assertTrue(Math.abs(meV.get(i).mean()) > Math.abs(transformed.get(i).mean()),
                        "meV/atom " + meV.get(i).mean() + " vs asinh units " + transformed.get(i).mean());
                System.out.printf("[model test] shipped Ehull CGformer on %s: %.1f +- %.1f meV/atom (%.3f in asinh(y/100) units)%n",
                        graphs.ids().get(i), meV.get(i).mean(), meV.get(i).std(), transformed.get(i).mean());
            }
        }
        assertEquals(TargetTransform.IDENTITY, TargetTransform.parse("identity"));
        assertEquals(250.0, TargetTransform.parse("asinh:100").inverse(TargetTransform.parse("asinh:100").forward(250.0)), 1e-9);
    }
}
