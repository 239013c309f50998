package org.cgformer.bvse.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.cgformer.bvse.api.BvseOptions;
import org.cgformer.bvse.api.DatasetLabeller;
import org.cgformer.bvse.api.LabellingListener;
import org.cgformer.bvse.api.LabellingRequest;
import org.cgformer.bvse.api.LabellingResult;
import org.cgformer.core.batch.BatchProgress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** The {@link DatasetLabeller} service on real Na compounds of ../shared/data, at a coarse grid to stay quick. */
class DatasetLabellerTest {

    private static final List<String> IDS = List.of("mp-10163", "mp-10223", "mp-10226");
    private static DatasetLabeller labeller;

    @BeforeAll
    static void findService() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(DatasetLabellerTest.class).getBundleContext();
        ServiceTracker<DatasetLabeller, DatasetLabeller> tracker = new ServiceTracker<>(context, DatasetLabeller.class, null);
        tracker.open();
        labeller = tracker.waitForService(20_000);
        assertNotNull(labeller, "the DS component org.cgformer.bvse.labeller is not active");
    }

    private static Path input(Path folder) throws Exception {
        Path input = Files.createDirectories(folder.resolve("input"));
        Path shared = Paths.get(System.getProperty("cgformer.shared.data", "../shared/data")).resolve("structures/na_compounds");
        for (String id : IDS) {
            Files.copy(shared.resolve(id + ".cif"), input.resolve(id + ".cif"));
        }
        return input;
    }

    private static LabellingRequest request(Path input, Path output, int threads) {
        BvseOptions options = BvseOptions.builder().optResolution(0.3).optThreads(1).build();
        return new LabellingRequest(input, output, options, 3, threads);
    }

    @Test
    void labelsAFolderRefusesABrokenFileWithItsReasonAndSkipsWhatIsDoneOnTheNextRun(@TempDir Path folder) throws Exception {
        Path input = input(folder);
        Files.writeString(input.resolve("broken.cif"), "data_broken\n_cell_length_a 5.0(\nloop_\n");
        Path output = folder.resolve("dataset");
        List<BatchProgress<? extends Path>> progress = new ArrayList<>();

        LabellingResult first = labeller.label(request(input, output, 2), new LabellingListener() {
            @Override
            public void finished(BatchProgress<? extends Path> p) {
                progress.add(p);
            }
        });

        assertEquals(4, first.labelled() + first.refused());
        List<String> refused = Files.readAllLines(output.resolve(DatasetLabeller.REFUSED));
        assertTrue(refused.stream().anyMatch(l -> l.startsWith("broken,\"") && l.contains("broken.cif")), refused.toString());
        for (String line : Files.readAllLines(output.resolve(DatasetLabeller.LABELS))) {
            assertTrue(Files.exists(output.resolve(line.split(",")[0] + ".cif")), "CIF copied for " + line);
            assertTrue(Double.parseDouble(line.split(",")[1]) > 0, line);
        }
        assertEquals(4, progress.get(progress.size() - 1).done());
        assertTrue(progress.get(progress.size() - 1).complete());
        String metadata = Files.readString(output.resolve(DatasetLabeller.METADATA));
        assertTrue(metadata.contains("\"label\" : \"BVSE Ea3D (eV)\"") && metadata.contains("softbv_params.tsv"), metadata);

        int[] started = new int[2];
        LabellingResult second = labeller.label(request(input, output, 2), new LabellingListener() {
            @Override
            public void started(int alreadyDone, int toCompute) {
                started[0] = alreadyDone;
                started[1] = toCompute;
            }
        });
        assertEquals(4, started[0], "all four are done");
        assertEquals(0, started[1] + second.labelled() + second.refused());
    }

    @Test
    void aCancelledRunKeepsItsFinishedRowsAndTheNextRunLabelsOnlyTheRest(@TempDir Path folder) throws Exception {
        Path input = input(folder);
        Path output = folder.resolve("dataset");
        AtomicInteger finished = new AtomicInteger();
        LabellingListener cancelAfterOne = new LabellingListener() {
            @Override
            public void finished(BatchProgress<? extends Path> p) {
                finished.incrementAndGet();
            }

            @Override
            public boolean isCancelled() {
                return finished.get() >= 1;
            }
        };

        LabellingResult cancelled = labeller.label(request(input, output, 1), cancelAfterOne);

        assertTrue(cancelled.cancelled());
        assertEquals(1, cancelled.labelled());
        assertEquals(2, cancelled.notStarted());
        List<String> kept = Files.readAllLines(output.resolve(DatasetLabeller.LABELS));
        assertEquals(1, kept.size(), kept.toString());
        assertTrue(kept.get(0).startsWith(IDS.get(0) + ","), "files are labelled in order: " + kept);

        LabellingResult rest = labeller.label(request(input, output, 1), LabellingListener.NONE);
        assertEquals(2, rest.labelled() + rest.refused());
        List<String> all = Files.readAllLines(output.resolve(DatasetLabeller.LABELS));
        assertEquals(kept.get(0), all.get(0), "the cancelled run's row is kept as it was");
        List<String> ids = new ArrayList<>(all.stream().map(l -> l.split(",")[0]).toList());
        Files.readAllLines(output.resolve(DatasetLabeller.REFUSED)).forEach(l -> ids.add(l.split(",")[0]));
        assertEquals(IDS, ids.stream().sorted().toList(), "each structure labelled or refused once");
    }
}
