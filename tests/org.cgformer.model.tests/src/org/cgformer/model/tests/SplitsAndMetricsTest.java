package org.cgformer.model.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.cgformer.ml.api.Dataset;
import org.cgformer.ml.api.Metrics;
import org.cgformer.ml.api.Split;
import org.cgformer.ml.api.Splits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SplitsAndMetricsTest {

    @TempDir
    Path temp;

    @Test
    void kFoldPartitionsEveryIndexOnce() {
        List<Split> folds = Splits.kFold(23, 10, 7);
        assertEquals(10, folds.size());
        Set<Integer> tested = new HashSet<>();
        for (Split s : folds) {
            assertEquals(23, s.train().size() + s.test().size());
            for (int i : s.test()) {
                assertTrue(tested.add(i), "index " + i + " tested twice");
                assertTrue(!s.train().contains(i));
            }
        }
        assertEquals(23, tested.size());
        assertEquals(folds, Splits.kFold(23, 10, 7), "same seed, same folds");
    }

    @Test
    void referencesAreTrainedOnInEveryFoldAndTestedInNone() {
        List<Split> folds = Splits.kFold(24, 5, 7, java.util.Set.of(3, 17));
        java.util.Set<Integer> tested = new java.util.HashSet<>();
        for (Split fold : folds) {
            assertTrue(fold.train().contains(3) && fold.train().contains(17), fold.name() + " does not train on the references");
            assertTrue(!fold.test().contains(3) && !fold.test().contains(17), fold.name() + " tests a reference");
            assertEquals(24, fold.train().size() + fold.test().size());
            tested.addAll(fold.test());
        }
        assertEquals(22, tested.size(), "every other index tested once");
        // without references, the folds of kFold(n, k, seed)
        assertEquals(Splits.kFold(23, 10, 7), Splits.kFold(23, 10, 7, java.util.Set.of()));
    }

    @Test
    void matbenchFoldsCoverTheDatasetOnce() throws IOException {
        Dataset jdft2d = Dataset.read(Fixtures.data(Fixtures.JDFT2D));
        assertEquals(636, jdft2d.size());
        List<Split> folds = Splits.predefined(Fixtures.data(Fixtures.JDFT2D).resolve("folds.json"), jdft2d.ids());
        assertEquals(5, folds.size());
        assertEquals(636, folds.stream().mapToInt(s -> s.test().size()).sum());
        assertEquals("fold_0", folds.get(0).name());
        assertEquals(636, folds.get(0).train().size() + folds.get(0).test().size());
        IOException e = assertThrows(IOException.class,
                () -> Splits.predefined(Fixtures.data(Fixtures.JDFT2D).resolve("folds.json"), jdft2d.ids().subList(0, 100)));
        assertTrue(e.getMessage().contains("which the dataset lacks"), e.getMessage());
    }

    @Test
    void metricsAreRight() {
        Metrics m = Metrics.of(new double[] {1, 2, 3, 4}, new double[] {1, 2, 3, 6});
        assertEquals(0.5, m.mae(), 1e-12);
        assertEquals(1.0, m.rmse(), 1e-12);
        assertEquals(1 - 4.0 / 5.0, m.r2(), 1e-12);
        double[] ms = Metrics.meanStd(new double[] {1, 3});
        assertEquals(2, ms[0], 1e-12);
        assertEquals(Math.sqrt(2), ms[1], 1e-12);
    }

    @Test
    void badDatasetsAreExplained() throws IOException {
        IOException none = assertThrows(IOException.class, () -> Dataset.read(temp));
        assertTrue(none.getMessage().contains("has no id_prop.csv"), none.getMessage());
        Files.writeString(temp.resolve("id_prop.csv"), "a,1.0\nb,x\n");
        Files.writeString(temp.resolve("a.cif"), "");
        Files.writeString(temp.resolve("b.cif"), "");
        IOException bad = assertThrows(IOException.class, () -> Dataset.read(temp));
        assertTrue(bad.getMessage().contains("line 2"), bad.getMessage());
        Files.writeString(temp.resolve("id_prop.csv"), "a,1.0\nc,2\n");
        IOException missing = assertThrows(IOException.class, () -> Dataset.read(temp));
        assertTrue(missing.getMessage().contains("no structure file c.cif"), missing.getMessage());
    }
}
