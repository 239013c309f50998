package org.cgformer.spark.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorAdded;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.cgformer.launcher.felix.EmbeddedRuntime;
import org.osgi.framework.Bundle;

import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * The Spark driver of a partitioned cgformer job: {@code java -cp SPARK_ADDON/jars/* org.cgformer.spark.job.PartitionDriver
 * JOB.json}, started by the Spark engine bundle. Runs one task per partition and writes each partition's result file
 * (whole or not at all) as soon as it arrives, so that a job stopped half-way keeps its finished partitions. Prints one
 * progress line per event on standard output ({@code partition ...}, {@code executor ...}); Spark's own warnings go
 * to standard error. Exit code 0 when every partition has its result, 1 otherwise (the reason on standard error).
 */
public final class PartitionDriver {

    private PartitionDriver() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: PartitionDriver JOB.json (written by the cgformer Spark engine)");
            System.exit(2);
        }
        try {
            run(JobSpec.read(Path.of(args[0])));
            System.exit(0);
        } catch (Exception e) { // Scala's exceptions (SparkException) are checked in Java but undeclared
            System.err.println("cgformer spark: " + message(e));
            System.exit(1);
        }
    }

    static void run(JobSpec job) throws IOException {
        Files.createDirectories(job.resultFolder());
        SparkConf conf = new SparkConf().setAppName("cgformer " + job.name()).setMaster(job.master());
        // the executors need the job's classes and the Felix launcher; a cluster's own Spark installation has neither
        conf.setJars(ownJars().toArray(String[]::new));
        conf.setIfMissing("spark.ui.enabled", "false");
        conf.setIfMissing("spark.task.maxFailures", "4");
        // libtorch is a native library: Java 22+ warns about (and will refuse) native access without this
        conf.setIfMissing("spark.executor.extraJavaOptions", "--enable-native-access=ALL-UNNAMED");
        job.settings().forEach(conf::set);
        long start = System.nanoTime();
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            spark.sc().addSparkListener(new ExecutorEvents());
            JavaRDD<JobSpec.Task> tasks = spark.parallelize(job.partitions(), job.partitions().size());
            ResultWriter writer = new ResultWriter(job, start);
            spark.sc().runJob(tasks.rdd(), new PartitionWork(job.cgformerHome(), job.properties()), writer,
                    ClassTag$.MODULE$.apply(PartitionWork.Output.class));
            progress(String.format(Locale.ROOT, "partitions: %d done in %.1f s", job.partitions().size(), (System.nanoTime() - start) / 1e9));
        }
    }

    /** Writes each partition's result as it arrives (called on the driver, one result at a time). */
    static final class ResultWriter extends AbstractFunction2<Object, PartitionWork.Output, BoxedUnit> {
        private final JobSpec job;
        private final long start;
        private int done;

        ResultWriter(JobSpec job, long start) {
            this.job = job;
            this.start = start;
        }

        @Override
        public BoxedUnit apply(Object rddPartition, PartitionWork.Output output) {
            Path file = job.resultFolder().resolve(output.fileName());
            Path temporary = file.resolveSibling(output.fileName() + ".tmp");
            try {
                Files.writeString(temporary, output.text(), StandardCharsets.UTF_8);
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
            }
            done++;
            progress(String.format(Locale.ROOT, "partition %d done on executor %s in %.1f s: %d of %d (%.1f s)", output.index(),
                    output.executor(), output.seconds(), done, job.partitions().size(), (System.nanoTime() - start) / 1e9));
            return BoxedUnit.UNIT;
        }
    }

    /** Executors come and go (a killed worker): said, since their tasks are then run again. */
    static final class ExecutorEvents extends SparkListener {
        @Override
        public void onExecutorAdded(SparkListenerExecutorAdded added) {
            progress("executor " + added.executorId() + " added on " + added.executorInfo().executorHost() + " ("
                    + added.executorInfo().totalCores() + " cores)");
        }

        @Override
        public void onExecutorRemoved(SparkListenerExecutorRemoved removed) {
            progress("executor " + removed.executorId() + " lost (" + removed.reason() + "); its partitions run again");
        }
    }

    static synchronized void progress(String line) {
        System.out.println(line);
        System.out.flush();
    }

    /** The jars of this job, the Felix launcher and the Felix framework: what an executor needs beyond Spark. */
    static Set<String> ownJars() {
        Set<String> jars = new LinkedHashSet<>();
        for (Class<?> type : List.of(PartitionDriver.class, EmbeddedRuntime.class, Bundle.class, org.apache.felix.framework.Felix.class)) {
            try {
                jars.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (URISyntaxException | NullPointerException e) {
                throw new IllegalStateException("cannot find the jar of " + type.getName(), e);
            }
        }
        return jars;
    }

    /** The first line of the failure, and of its root cause when that says more (a task's exception inside Spark's). */
    private static String message(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String first = firstLine(e);
        return root == e || first.contains(firstLine(root)) ? first : first + " (cause: " + firstLine(root) + ")";
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.toString() : m.lines().findFirst().orElse(m);
    }
}
