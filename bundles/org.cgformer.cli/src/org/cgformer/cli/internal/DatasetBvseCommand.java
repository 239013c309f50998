package org.cgformer.cli.internal;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.cgformer.bvse.api.BvseOptions;
import org.cgformer.bvse.api.DatasetLabeller;
import org.cgformer.bvse.api.LabellingListener;
import org.cgformer.bvse.api.LabellingRequest;
import org.cgformer.bvse.api.LabellingResult;
import org.cgformer.cli.api.CommandLineRunner;
import org.cgformer.cli.options.ExecutionOptions;
import org.cgformer.core.batch.BatchProgress;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code cgformer dataset bvse}: labels every structure of a folder with its BVSE barrier and writes a dataset in CGCNN's
 * layout, through the {@link DatasetLabeller} service; this class parses options and prints progress.
 */
@Command(name = "bvse", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Label every structure of a folder with its BVSE migration barrier and write a CGCNN-layout dataset:",
            "OUT/id_prop.csv (id,barrier in eV), OUT/<id>.cif, OUT/refused.csv (id,reason) and OUT/dataset.json.",
            "Structures already in id_prop.csv or refused.csv are skipped, so a stopped run can be resumed. With --engine spark",
            "the structures are labelled in partitions on Spark's executors (docs/distributed.md)."})
public class DatasetBvseCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Folder of structure files (searched recursively).")
    Path folder;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT_DIR", description = "Dataset folder to create or extend.")
    Path output;

    @Option(names = "--ion", defaultValue = "Na", description = "Element of the mobile ion (default: ${DEFAULT-VALUE}).")
    String ion;

    @Option(names = "--charge", defaultValue = "1", description = "Charge of the mobile ion (default: ${DEFAULT-VALUE}).")
    int charge;

    @Option(names = "--resolution", defaultValue = "0.1", paramLabel = "Å", description = "Grid spacing in Å (default: ${DEFAULT-VALUE}).")
    double resolution;

    @Option(names = "--dimension", defaultValue = "3", description = "Which barrier is the label: 1, 2 or 3 (default: ${DEFAULT-VALUE}).")
    int dimension;

    @Option(names = "--jobs", description = "Structures computed at once (default: all cores).")
    Integer jobs;

    @picocli.CommandLine.Mixin
    ExecutionOptions execution = new ExecutionOptions();

    private final DatasetLabeller labeller;

    DatasetBvseCommand(DatasetLabeller labeller) {
        this.labeller = labeller;
    }

    @Override
    public Integer call() throws Exception {
        LabellingResult result = labeller.label(request(), new ConsoleListener(spec.commandLine().getErr()), execution.execution());
        spec.commandLine().getOut().printf(Locale.ROOT, "%d labelled, %d refused (see %s); dataset in %s%n", result.labelled(),
                result.refused(), output.resolve(DatasetLabeller.REFUSED), output);
        return result.refused() == 0 ? CommandLineRunner.OK : CommandLineRunner.FAILED;
    }

    private LabellingRequest request() {
        try {
            // one thread per structure: the labeller runs several structures at once
            BvseOptions options = BvseOptions.builder().optMobileIon(ion, charge).optResolution(resolution).optThreads(1).build();
            int workers = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
            return new LabellingRequest(folder, output, options, dimension, Math.max(1, workers));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** Progress on stderr: what is left to do, then one line per structure with the elapsed time and the ETA. */
    private final class ConsoleListener implements LabellingListener {
        private final PrintWriter err;

        ConsoleListener(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void started(int alreadyDone, int toCompute) {
            err.printf(Locale.ROOT, "%d structures in %s, %d already done, %d to compute at %s Å%n", alreadyDone + toCompute,
                    folder, alreadyDone, toCompute, resolution);
        }

        @Override
        public void finished(BatchProgress<? extends Path> progress) {
            err.printf(Locale.ROOT, "[%d/%d] %s  elapsed %s  ETA %s%n", progress.done(), progress.total(),
                    DatasetLabeller.id(progress.item()), BatchProgress.clock(progress.elapsedSeconds()),
                    BatchProgress.clock(progress.etaSeconds()));
            err.flush();
        }

        @Override
        public void note(String message) {
            err.println("note: " + message);
        }
    }
}
