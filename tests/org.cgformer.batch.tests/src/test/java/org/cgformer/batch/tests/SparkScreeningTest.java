package org.cgformer.batch.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

/**
 * {@code cgformer screen --engine spark} against {@code --engine local} on the same input: embedded ({@code local[2]})
 * and on a real standalone cluster (a master and a worker started as separate processes by the add-on's
 * {@code cgformer-spark-cluster}), whose worker is killed mid-job and replaced; the ranking, shortlist and Pareto front
 * must equal the local run's, and a rerun must reuse the finished partitions.
 */
@TestInstance(Lifecycle.PER_CLASS)
class SparkScreeningTest {

    /** 24 candidates, 2 decorations: small enough for a test, 3 partitions of 8. */
    static final List<String> INPUT = List.of("--limit", "24", "--decorations", "2");
    /** Every Spark process of the test binds to the loopback interface, whatever the machine's host name resolves to. */
    static final String LOOPBACK = "127.0.0.1";

    Path work;
    Path addOn;
    Path examples;
    Path local;
    /** The spark-submit the next run starts its driver with; null: the engine's own java. */
    String submit;

    @BeforeAll
    void screenLocally() throws Exception {
        work = Paths.get(System.getProperty("cgformer.test.work", "target/work")).resolve("spark").toAbsolutePath();
        deleteRecursively(work);
        Files.createDirectories(work);
        addOn = Paths.get(System.getProperty("cgformer.spark.addon")).toAbsolutePath();
        examples = Paths.get(System.getProperty("cgformer.examples")).toAbsolutePath();
        local = work.resolve("local");
        CgformerProcess.Result result = screen(local, List.of());
        assertEquals(0, result.code(), result::toString);
    }

    @AfterAll
    void stopCluster() throws Exception {
        cluster("stop").waitFor(30, TimeUnit.SECONDS);
    }

    @Test
    void sparkEmbeddedGivesTheLocalReport() throws Exception {
        Path report = work.resolve("local2");
        CgformerProcess.Result result = screen(report, List.of("--engine", "spark", "--master", "local[2]", "--partitions", "3"));
        assertEquals(0, result.code(), result::toString);
        assertTrue(result.err().contains("24 candidates in 3 partitions on spark (local[2])"), result::toString);
        assertSameRanking(local, report);
    }

    /** Candidates that cannot be made (every combination: too much Na for NASICON) keep their reason, as in a local run. */
    @Test
    void sparkListsBadCandidatesWithTheLocalReason() throws Exception {
        List<String> every = List.of("--all", "--limit", "12");
        CgformerProcess.Result here = screen(work.resolve("all-local"), every);
        CgformerProcess.Result spread = screen(work.resolve("all-spark"), concat(every, List.of("--engine", "spark", "--master", "local[2]",
                "--partitions", "2")));
        assertEquals(0, here.code(), here::toString);
        assertEquals(0, spread.code(), spread::toString);
        List<String> failed = Files.readAllLines(work.resolve("all-spark").resolve("candidates.csv")).stream()
                .filter(l -> l.contains(",failed,")).toList();
        assertEquals(12, failed.size(), "the first 12 combinations have 6.2 Na per formula unit");
        // the shipped models read occupancy-weighted cells: their recipe's generation names the reason
        assertTrue(failed.get(0).contains("structure generation (recipe design-space): 6.2 Na per formula unit needs 12.4 Na in the cell"),
                failed.get(0));
        assertEquals(Files.readAllLines(work.resolve("all-local").resolve("candidates.csv")),
                Files.readAllLines(work.resolve("all-spark").resolve("candidates.csv")));
    }

    static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @Test
    void standaloneClusterSurvivesAKilledWorkerAndGivesTheLocalReport() throws Exception {
        int port = freePort();
        Process start = cluster("start", "--port", Integer.toString(port), "--workers", "1", "--cores", "2", "--memory", "3g");
        assertTrue(start.waitFor(90, TimeUnit.SECONDS), "cgformer-spark-cluster start did not return");
        String master = new String(start.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, start.exitValue(), () -> "cluster start failed: " + master);
        assertEquals("spark://127.0.0.1:" + port, master);

        Path report = work.resolve("cluster");
        Files.createDirectories(report);
        ProcessBuilder builder = CgformerProcess.builder(CgformerProcess.runtime(), work, work.resolve("cache-cluster"),
                command(report, List.of("--engine", "spark", "--master", master, "--partitions", "4")).toArray(String[]::new));
        builder.environment().put("CGFORMER_SPARK_HOME", addOn.toString());
        builder.environment().put("SPARK_LOCAL_IP", LOOPBACK);
        builder.redirectErrorStream(true);
        Process screening = builder.start();
        CountDownLatch firstPartition = new CountDownLatch(1);
        StringBuilder output = new StringBuilder();
        CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> read(screening, output, firstPartition));
        assertTrue(firstPartition.await(8, TimeUnit.MINUTES), () -> "no partition finished:\n" + output);

        // the worker dies mid-job (its executor with it); a new one joins and the lost partitions run again
        long worker = Long.parseLong(Files.readString(work.resolve("spark-cluster").resolve("worker-1.pid")).strip());
        ProcessHandle.of(worker).ifPresent(h -> {
            h.descendants().forEach(ProcessHandle::destroyForcibly);
            h.destroyForcibly();
        });
        Process replacement = cluster("worker", master, "--host", "127.0.0.1", "--cores", "2", "--memory", "3g");
        try {
            assertTrue(screening.waitFor(10, TimeUnit.MINUTES), () -> "the job did not finish after the worker was replaced:\n" + output);
            reader.get(1, TimeUnit.MINUTES);
            assertEquals(0, screening.exitValue(), output::toString);
            assertTrue(output.toString().contains("lost"), () -> "the executor loss was not reported:\n" + output);
            assertSameRanking(local, report);

            // an interrupted run: one partition's result gone; running again redoes only that one
            Path partitions = report.resolve("stages").resolve("partitions");
            Path results;
            try (Stream<Path> folders = Files.list(partitions)) {
                results = folders.filter(Files::isDirectory).findFirst().orElseThrow();
            }
            Path lost;
            try (Stream<Path> files = Files.list(results)) {
                lost = files.filter(f -> f.getFileName().toString().startsWith("part-00002")).findFirst().orElseThrow();
            }
            String before = Files.readString(lost);
            Files.delete(lost);
            Files.delete(report.resolve("stages").resolve("predict.done"));
            CgformerProcess.Result rerun = screen(report, List.of("--engine", "spark", "--master", master, "--partitions", "4"));
            assertEquals(0, rerun.code(), rerun::toString);
            assertTrue(rerun.err().contains("3 finished by an earlier run are kept"), rerun::toString);
            assertTrue(rerun.err().contains("spark: 1 partitions"), rerun::toString);
            assertEquals(before, Files.readString(lost));
            assertSameRanking(local, report);
        } finally {
            replacement.descendants().forEach(ProcessHandle::destroyForcibly);
            replacement.destroyForcibly();
        }
    }

    /** Labelling on Spark, the driver started through spark-submit (the add-on's own, as a cluster's would be used). */
    @Test
    void datasetBvseOnSparkThroughSparkSubmitGivesTheLocalLabels() throws Exception {
        // the structures the local screening kept (shortlist, Pareto front, parent) and one broken file
        Path source = Files.createDirectories(work.resolve("label-source"));
        try (Stream<Path> cifs = Files.list(local.resolve("structures"))) {
            for (Path cif : cifs.filter(f -> f.toString().endsWith(".cif")).toList()) {
                Files.copy(cif, source.resolve(cif.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.writeString(source.resolve("broken.cif"), "data_broken\n_cell_length_a 5\n");
        long structures;
        try (Stream<Path> files = Files.list(source)) {
            structures = files.count();
        }
        assertTrue(structures > 10, "structures to label: " + structures);

        List<String> label = List.of("dataset", "bvse", source.toString(), "--resolution", "0.5");
        CgformerProcess.Result one = run(work.resolve("labels-local"), label, List.of());
        submit = addOn.resolve("bin/spark-submit").toString();
        CgformerProcess.Result spread;
        try {
            spread = run(work.resolve("labels-spark"), label, List.of("--engine", "spark", "--master", "local[2]", "--partitions", "3"));
        } finally {
            submit = null;
        }
        // exit 1: the broken file is refused, in both
        assertEquals(1, one.code(), one::toString);
        assertEquals(1, spread.code(), spread::toString);
        assertTrue(spread.err().contains("spark: 3 partitions on local[2]"), spread::toString);
        assertTrue(spread.err().contains("started with " + addOn.resolve("bin/spark-submit")), spread::toString);
        for (String file : List.of("id_prop.csv", "refused.csv")) {
            assertEquals(sortedLines(work.resolve("labels-local").resolve(file)), sortedLines(work.resolve("labels-spark").resolve(file)), file);
        }
        assertEquals(structures - 1, sortedLines(work.resolve("labels-spark").resolve("id_prop.csv")).size());
        assertTrue(Files.readString(work.resolve("labels-spark").resolve("refused.csv")).startsWith("broken,"));
        for (String line : sortedLines(work.resolve("labels-spark").resolve("id_prop.csv"))) {
            assertTrue(Files.isRegularFile(work.resolve("labels-spark").resolve(line.split(",")[0] + ".cif")), line);
        }
        assertTrue(!Files.exists(work.resolve("labels-spark").resolve(".partitions")), "merged partitions are deleted");
    }

    CgformerProcess.Result run(Path output, List<String> command, List<String> engine) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(command);
        args.addAll(engine);
        args.addAll(List.of("-o", output.toString()));
        ProcessBuilder builder = CgformerProcess.builder(CgformerProcess.runtime(), work, work.resolve("cache-" + output.getFileName()),
                args.toArray(String[]::new));
        builder.environment().put("CGFORMER_SPARK_HOME", addOn.toString());
        builder.environment().put("SPARK_LOCAL_IP", LOOPBACK);
        if (submit != null) {
            builder.environment().put("CGFORMER_SPARK_SUBMIT", submit);
        }
        Path out = output.resolveSibling(output.getFileName() + ".out");
        Path err = output.resolveSibling(output.getFileName() + ".err");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("cgformer " + String.join(" ", args) + " did not finish in 10 minutes:\n" + Files.readString(err));
        }
        return new CgformerProcess.Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    static List<String> sortedLines(Path file) throws IOException {
        return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).sorted().toList();
    }

    CgformerProcess.Result screen(Path report, List<String> engine) throws IOException, InterruptedException {
        Files.createDirectories(report);
        List<String> args = command(report, engine);
        return run(report, args.subList(0, args.size() - 2), List.of());
    }

    List<String> command(Path report, List<String> engine) {
        List<String> command = new ArrayList<>(List.of("screen", examples.resolve("nasicon-zr-site.designspace").toString(), "--eb-model",
                examples.resolve("models/eb-pretrained-cgcnn").toString(), "--ehull-model", examples.resolve("models/ehull-cgcnn").toString()));
        // the arguments may name their own candidates (--all --limit N); else the 24 of INPUT
        command.addAll(engine.contains("--limit") ? INPUT.subList(2, INPUT.size()) : INPUT);
        command.addAll(engine);
        command.addAll(List.of("-o", report.toString()));
        return command;
    }

    Process cluster(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(addOn.resolve("bin/cgformer-spark-cluster").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
        builder.environment().put("CGFORMER_SPARK_STATE", work.resolve("spark-cluster").toString());
        builder.environment().put("SPARK_LOCAL_IP", LOOPBACK);
        builder.environment().put("CGFORMER_DJL_CACHE", System.getProperty("cgformer.djl.cache"));
        builder.redirectError(work.resolve("cluster-" + args[0] + ".err").toFile());
        return builder.start();
    }

    /**
     * The ranking, shortlist and Pareto front of {@code actual} equal {@code expected}'s; predicted values agree to
     * float noise (partitions batch the graphs differently).
     */
    static void assertSameRanking(Path expected, Path actual) throws IOException {
        List<String[]> a = rows(expected.resolve("candidates.csv"));
        List<String[]> b = rows(actual.resolve("candidates.csv"));
        assertEquals(a.size(), b.size(), "candidates");
        assertTrue(a.size() > 1);
        List<String> header = List.of(a.get(0));
        for (int i = 1; i < a.size(); i++) {
            for (String column : List.of("rank", "id", "formula", "pareto", "shortlist", "status", "structure", "message")) {
                int c = header.indexOf(column);
                assertEquals(a.get(i)[c], b.get(i)[c], column + " of row " + i);
            }
            for (String column : List.of("eb_ev", "eb_std_ev", "ehull_mev_atom", "score")) {
                int c = header.indexOf(column);
                double value = Double.parseDouble(a.get(i)[c]);
                assertEquals(value, Double.parseDouble(b.get(i)[c]), 1e-5 * Math.max(1, Math.abs(value)), column + " of row " + i);
            }
        }
        assertEquals(Files.readString(expected.resolve("shortlist.csv")).lines().count(),
                Files.readString(actual.resolve("shortlist.csv")).lines().count());
    }

    static List<String[]> rows(Path csv) throws IOException {
        // the columns compared hold no commas (formulas, ids, numbers, paths)
        return Files.readAllLines(csv).stream().map(line -> line.split(",", -1)).toList();
    }

    static void read(Process process, StringBuilder output, CountDownLatch firstPartition) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                synchronized (output) {
                    output.append(line).append('\n');
                }
                if (line.contains("spark: partition ") && line.contains(" done ")) {
                    firstPartition.countDown();
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
