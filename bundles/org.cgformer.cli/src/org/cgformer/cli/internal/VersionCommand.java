package org.cgformer.cli.internal;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import org.cgformer.cli.api.CommandLineRunner;
import org.cgformer.djl.api.TensorRuntime;

import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cgformer version}: product, Java, OSGi framework, DJL and engine versions. */
@Command(name = "version", mixinStandardHelpOptions = true,
        description = "Print the versions of the product, Java, the OSGi framework, DJL and the PyTorch engine "
                + "(loads the engine, so it also proves the native library works here).")
public class VersionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    private final Supplier<TensorRuntime> tensorRuntime;

    VersionCommand(Supplier<TensorRuntime> tensorRuntime) {
        this.tensorRuntime = tensorRuntime;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        line(out, "Product", ProductInfo.NAME + " " + ProductInfo.version());
        line(out, "Java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ", "
                + System.getProperty("java.home") + ")");
        line(out, "OS", System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", "
                + Runtime.getRuntime().availableProcessors() + " cores");
        line(out, "OSGi", ProductInfo.framework());
        TensorRuntime runtime = tensorRuntime.get();
        if (runtime == null) {
            line(out, "DJL", "not available: bundle org.cgformer.djl is not installed or could not start");
            return CommandLineRunner.FAILED;
        }
        line(out, "DJL", runtime.djlVersion());
        line(out, "Engine", String.format("%s %s (CPU; %d intra-op, %d inter-op threads)", runtime.engineName(),
                runtime.engineVersion(), runtime.intraOpThreads(), runtime.interOpThreads()));
        line(out, "Natives", runtime.nativeLibraryFolder().toString());
        return CommandLineRunner.OK;
    }

    private static void line(PrintWriter out, String key, String value) {
        out.printf("%-9s %s%n", key, value);
    }
}
