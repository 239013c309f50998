package org.cgformer.spark.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.cgformer.core.distributed.Partition;
import org.cgformer.core.distributed.PartitionEngine;
import org.cgformer.core.distributed.PartitionedJob;
import org.cgformer.core.install.Installation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The Spark engine (DS component {@code org.cgformer.spark.engine}, {@code --engine spark}). It starts the Spark
 * driver as a child JVM on the Spark add-on's class path ({@code SPARK_ADDON/jars}, see {@link #addOn()}) instead of
 * inside this OSGi framework, because:
 * <ul>
 * <li>Spark (Scala, Hadoop client, Netty, its own Jackson) would have to become some 140 bundles, and stays out of the
 * default runtime (about 220 MB) unless the add-on is installed;</li>
 * <li>with {@code local[N]} the executors are threads of the driver's JVM and start the cgformer runtime there; libtorch
 * loads once per process, and this process has loaded it already.</li>
 * </ul>
 * The executors run the job's partitions as {@code cgformer} commands of the same installation ({@code cgformer.home},
 * which must be at the same path on every node, as on a cluster's shared file system): the same bundles' code as a
 * local run. Only the job file (JSON) and the result files cross between this process and Spark.
 */
public class SparkEngine implements PartitionEngine {

    /** System property naming the Spark add-on folder (wins over {@link #ADDON_VARIABLE}). */
    static final String ADDON_PROPERTY = "cgformer.spark.home";
    /** Environment variable naming the Spark add-on folder. */
    static final String ADDON_VARIABLE = "CGFORMER_SPARK_HOME";
    static final String DRIVER = "org.cgformer.spark.job.PartitionDriver";
    /**
     * Environment variable naming a {@code spark-submit} to start the driver with instead of this JVM's java: the
     * cluster's own Spark, for YARN or Kubernetes (whose client jars the add-on does not carry).
     */
    static final String SUBMIT_VARIABLE = "CGFORMER_SPARK_SUBMIT";

    /**
     * The add-on's file of the JVM options Spark needs on Java 17+, one a line. Spark's launcher adds them to the JVMs
     * it starts itself (a standalone cluster's executors); the driver is started here and the cluster's daemons by
     * {@code bin/cgformer-spark-cluster}, which read the same file.
     */
    static final String JAVA_OPTIONS = "conf/java-options";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public void run(PartitionedJob job, Consumer<String> progress) throws IOException {
        if (job.partitions().isEmpty()) {
            return;
        }
        Path addOn = addOn();
        Path home = Installation.home().orElseThrow(() -> new IOException("the Spark engine needs the cgformer installation (-D"
                + Installation.HOME_PROPERTY + "), whose bundles its executors start"));
        Files.createDirectories(job.resultFolder());
        Path jobFile = job.resultFolder().resolveSibling("spark-job.json");
        JSON.writeValue(jobFile.toFile(), jobDocument(job, home));
        String submit = System.getenv(SUBMIT_VARIABLE);
        List<String> command = submit == null || submit.isBlank() ? javaCommand(addOn, jobFile) : submitCommand(submit, job.master(), addOn, jobFile);
        progress.accept(String.format("spark: %d partitions on %s (add-on %s%s)", job.partitions().size(), job.master(), addOn,
                submit == null || submit.isBlank() ? "" : ", started with " + submit));
        // the callers check that every partition has its result, naming any that has none
        runDriver(addOn, command, progress);
    }

    /** The job as {@code PartitionDriver} reads it. */
    Map<String, Object> jobDocument(PartitionedJob job, Path home) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("name", job.name());
        document.put("master", job.master());
        document.put("settings", settings(job.settings(), System.getenv()));
        document.put("cgformerHome", home.toAbsolutePath().normalize().toString());
        document.put("properties", forwardedProperties());
        document.put("resultFolder", job.resultFolder().toAbsolutePath().normalize().toString());
        List<Map<String, Object>> partitions = new ArrayList<>();
        for (Partition p : job.partitions()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("index", p.index());
            row.put("from", p.from());
            row.put("to", p.to());
            row.put("fileName", p.fileName());
            row.put("command", job.commandFor(p)); // {out} and {threads} are the executor's to fill in
            partitions.add(row);
        }
        document.put("partitions", partitions);
        return document;
    }

    /**
     * The job's Spark settings, with this process's {@code CGFORMER_*} environment (libtorch cache, threads, shared data)
     * passed on to the executors ({@code spark.executorEnv.*}) unless a setting names it already.
     */
    static Map<String, String> settings(Map<String, String> job, Map<String, String> environment) {
        Map<String, String> settings = new LinkedHashMap<>(job);
        environment.keySet().stream().filter(name -> name.startsWith("CGFORMER_") && !name.equals(ADDON_VARIABLE)).sorted()
                .forEach(name -> settings.putIfAbsent("spark.executorEnv." + name, environment.get(name)));
        return settings;
    }

    /** The cgformer settings of this process (libtorch cache, shared data, threads) that the executors' runtime should share. */
    static Map<String, String> forwardedProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        System.getProperties().stringPropertyNames().stream().sorted()
                .filter(name -> name.startsWith("cgformer.") && !name.equals(Installation.HOME_PROPERTY) && !name.equals(ADDON_PROPERTY))
                .forEach(name -> properties.put(name, System.getProperty(name)));
        return properties;
    }

    /** The driver on this JVM's java with the add-on's jars: Spark embedded ({@code local[N]}) or a standalone cluster's client. */
    static List<String> javaCommand(Path addOn, Path jobFile) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(javaOptions(addOn));
        command.add("-cp");
        command.add(addOn.resolve("jars").toAbsolutePath() + "/*");
        command.add(DRIVER);
        command.add(jobFile.toAbsolutePath().toString());
        return command;
    }

    /**
     * The driver through {@code spark-submit} (client mode, so that the result files are written here): the job jar
     * with the Felix launcher and framework, which the executors need, as {@code --jars}.
     */
    static List<String> submitCommand(String submit, String master, Path addOn, Path jobFile) throws IOException {
        Path jobJar = addOnJar(addOn, "org.cgformer.spark.runtime");
        String extra = addOnJar(addOn, "org.cgformer.launcher.felix") + "," + addOnJar(addOn, "org.apache.felix.framework");
        return List.of(submit, "--master", master, "--deploy-mode", "client", "--class", DRIVER, "--jars", extra, jobJar.toString(),
                jobFile.toAbsolutePath().toString());
    }

    private static Path addOnJar(Path addOn, String prefix) throws IOException {
        try (var jars = Files.list(addOn.resolve("jars"))) {
            return jars.filter(j -> j.getFileName().toString().startsWith(prefix + "-")).findFirst().orElseThrow(
                    () -> new IOException("the Spark add-on " + addOn + " has no " + prefix + " jar; unpack cgformer-spark.tar.gz again"))
                    .toAbsolutePath();
        }
    }

    private static void runDriver(Path addOn, List<String> command, Consumer<String> progress) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("SPARK_HOME", addOn.toAbsolutePath().toString());
        Process driver = builder.start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(driver.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                progress.accept("spark: " + line);
            }
            int code = driver.waitFor();
            if (code != 0) {
                throw new IOException("the Spark driver exited with code " + code + " (its reason is printed above)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted; the Spark driver was stopped", e);
        } finally {
            if (driver.isAlive()) {
                driver.descendants().forEach(ProcessHandle::destroy);
                driver.destroy();
            }
        }
    }

    static List<String> javaOptions(Path addOn) throws IOException {
        Path file = addOn.resolve(JAVA_OPTIONS);
        if (!Files.isRegularFile(file)) {
            throw new IOException("the Spark add-on " + addOn + " has no " + JAVA_OPTIONS + "; unpack cgformer-spark.tar.gz again");
        }
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();
    }

    /** The JVM of this process: the driver runs on the same Java as cgformer. */
    private static String javaBinary() {
        Optional<String> current = ProcessHandle.current().info().command();
        return current.orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /**
     * The Spark add-on folder (with {@code jars/}): {@code -Dcgformer.spark.home}, {@code $CGFORMER_SPARK_HOME}, or
     * {@code spark/} in the installation.
     *
     * @throws IOException saying how to install it when none of these has it
     */
    static Path addOn() throws IOException {
        List<Path> places = new ArrayList<>();
        String property = System.getProperty(ADDON_PROPERTY);
        String variable = System.getenv(ADDON_VARIABLE);
        if (property != null && !property.isBlank()) {
            places.add(Path.of(property));
        } else if (variable != null && !variable.isBlank()) {
            places.add(Path.of(variable));
        }
        Installation.home().ifPresent(home -> places.add(home.resolve("spark")));
        for (Path place : places) {
            if (hasDriverJar(place)) {
                return place;
            }
        }
        throw new IOException("the Spark add-on is not installed (looked in " + places + "): unpack cgformer-spark.tar.gz in the cgformer "
                + "installation (it makes spark/), or set " + ADDON_VARIABLE + " to its folder; see docs/distributed.md");
    }

    private static boolean hasDriverJar(Path place) {
        if (!Files.isDirectory(place.resolve("jars"))) {
            return false;
        }
        try (var jars = Files.list(place.resolve("jars"))) {
            return jars.anyMatch(j -> j.getFileName().toString().startsWith("org.cgformer.spark.runtime"));
        } catch (IOException e) {
            return false;
        }
    }
}
