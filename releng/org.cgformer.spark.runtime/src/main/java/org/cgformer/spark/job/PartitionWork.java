package org.cgformer.spark.job;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.spark.SparkEnv;
import org.osgi.framework.BundleException;

import scala.collection.Iterator;
import scala.runtime.AbstractFunction1;

/**
 * What an executor does with one partition (a Spark task): runs the partition's cgformer command in the executor's
 * {@link ExecutorRuntime} and returns the result file's text. A command that fails throws, so that Spark runs the
 * task again (elsewhere, when an executor was lost) and fails the job after {@code spark.task.maxFailures} tries.
 */
final class PartitionWork extends AbstractFunction1<Iterator<JobSpec.Task>, PartitionWork.Output> implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A finished partition, sent back to the driver. */
    record Output(int index, String fileName, String text, String executor, double seconds) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    private final String home;
    private final Map<String, String> properties;

    PartitionWork(String home, Map<String, String> properties) {
        this.home = home;
        this.properties = Map.copyOf(properties);
    }

    @Override
    public Output apply(Iterator<JobSpec.Task> tasks) {
        JobSpec.Task task = tasks.next();
        long start = System.nanoTime();
        try {
            Path out = Files.createTempFile("cgformer-partition-" + task.index() + "-", ".csv");
            try {
                int threads = SparkEnv.get().conf().getInt("spark.task.cpus", 1);
                List<String> args = task.command().stream()
                        .map(a -> a.replace("{out}", out.toString()).replace("{threads}", Integer.toString(threads))).toList();
                int code = ExecutorRuntime.execute(home, properties, args.toArray(String[]::new));
                if (code != 0) {
                    throw new IllegalStateException("partition " + task.index() + " [" + task.from() + ", " + task.to() + "): 'cgformer "
                            + String.join(" ", args) + "' exited with code " + code + " (its messages are in this executor's stderr)");
                }
                return new Output(task.index(), task.fileName(), Files.readString(out), SparkEnv.get().executorId(),
                        (System.nanoTime() - start) / 1e9);
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("partition " + task.index() + ": " + e.getMessage(), e);
        } catch (BundleException e) {
            throw new IllegalStateException("the cgformer runtime in " + home + " did not start: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("partition " + task.index() + " interrupted", e);
        }
    }
}
