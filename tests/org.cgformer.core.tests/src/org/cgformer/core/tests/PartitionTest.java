package org.cgformer.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.cgformer.core.distributed.Execution;
import org.cgformer.core.distributed.Partition;
import org.cgformer.core.distributed.PartitionEngine;
import org.cgformer.core.distributed.PartitionedJob;
import org.junit.jupiter.api.Test;

/** Index ranges of partitioned jobs: they cover every item once, in order, evenly; commands and executions. */
class PartitionTest {

    @Test
    void splitCoversEveryItemOnceInOrderAndEvenly() {
        for (long items : new long[] {1, 7, 24, 100, 1_221_759}) {
            for (int count : new int[] {1, 3, 4, 64}) {
                List<Partition> parts = Partition.split(items, count);
                assertEquals(Math.min(items, count), parts.size());
                long next = 0;
                long smallest = Long.MAX_VALUE;
                long largest = 0;
                for (int i = 0; i < parts.size(); i++) {
                    Partition p = parts.get(i);
                    assertEquals(i, p.index());
                    assertEquals(next, p.from(), "contiguous");
                    next = p.to();
                    smallest = Math.min(smallest, p.size());
                    largest = Math.max(largest, p.size());
                }
                assertEquals(items, next, "every item");
                assertTrue(largest - smallest <= 1, "even: " + smallest + ".." + largest);
            }
        }
        assertEquals(List.of(), Partition.split(0, 4));
        assertThrows(IllegalArgumentException.class, () -> Partition.split(10, 0));
        assertThrows(IllegalArgumentException.class, () -> new Partition(0, 5, 5));
    }

    @Test
    void fileNamesSortInPartitionOrder() {
        List<Partition> parts = Partition.split(1_221_759, 12);
        for (int i = 1; i < parts.size(); i++) {
            assertTrue(parts.get(i - 1).fileName().compareTo(parts.get(i).fileName()) < 0, parts.get(i).fileName());
        }
        assertEquals("part-00003-000300-000400.csv", new Partition(3, 300, 400).fileName());
    }

    @Test
    void commandForFillsThePlaceholders() {
        PartitionedJob job = new PartitionedJob("screen", List.of("screen-partition", "r.json", "--from", PartitionedJob.FROM, "--to",
                PartitionedJob.TO, "--threads", PartitionedJob.THREADS, "--out", PartitionedJob.OUT), List.of(new Partition(1, 8, 16)),
                Path.of("results"), "local[2]", Map.of());
        assertEquals(List.of("screen-partition", "r.json", "--from", "8", "--to", "16", "--threads", "2", "--out", "o.csv"),
                job.commandFor(job.partitions().get(0), Path.of("o.csv"), 2));
    }

    @Test
    void unfinishedPartitionsAreThoseWithoutAResultFile(@org.junit.jupiter.api.io.TempDir Path folder) throws Exception {
        List<Partition> all = Partition.split(30, 3);
        java.nio.file.Files.writeString(folder.resolve(all.get(1).fileName()), "id\n");
        assertEquals(List.of(all.get(0), all.get(2)), Partition.unfinished(all, folder));
    }

    @Test
    void findNamesTheInstalledEnginesWhenNoneHasTheName() throws Exception {
        PartitionEngine spark = new PartitionEngine() {
            @Override
            public String name() {
                return "spark";
            }

            @Override
            public void run(PartitionedJob job, java.util.function.Consumer<String> progress) {
            }
        };
        assertEquals(spark, PartitionEngine.find(List.of(spark), "spark"));
        java.io.IOException missing = assertThrows(java.io.IOException.class, () -> PartitionEngine.find(List.of(spark), "dask"));
        assertTrue(missing.getMessage().contains("no engine 'dask' is installed (installed: local, spark)"), missing.getMessage());
    }

    @Test
    void workerCommandsHaveThePartitionOptionsShape() {
        assertEquals(List.of("screen-partition", Path.of("r.json").toAbsolutePath().toString(), "--from", "{from}", "--to", "{to}",
                "--threads", "{threads}", "--out", "{out}"), PartitionedJob.workerCommand("screen-partition", Path.of("r.json")));
    }

    @Test
    void executionsNeedAMasterAndSizeTheirPartitions() {
        assertTrue(Execution.LOCAL.local());
        assertThrows(IllegalArgumentException.class, () -> new Execution("spark", null, 0, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new Execution("spark", "local[2]", -1, Map.of()));
        Execution spark = new Execution("spark", "local[2]", 0, null);
        assertEquals(3, spark.partitionsFor(1001, 500), "one per 500, rounded up");
        assertEquals(1, spark.partitionsFor(0, 500));
        assertEquals(7, new Execution("spark", "local[2]", 7, Map.of()).partitionsFor(1001, 500), "as asked");
    }
}
