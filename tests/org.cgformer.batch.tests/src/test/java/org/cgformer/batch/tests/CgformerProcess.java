package org.cgformer.batch.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the assembled {@code bin/cgformer} script as a user would, in its own process. */
final class CgformerProcess {

    /** Exit code, standard output and standard error of one run. */
    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    private CgformerProcess() {
    }

    static Path runtime() {
        return Paths.get(System.getProperty("cgformer.batch.runtime"));
    }

    static Result run(String... args) throws IOException, InterruptedException {
        return runIn(runtime(), "cache", args);
    }

    /** Runs {@code bin/cgformer} of the runtime in {@code home}, with its Felix cache in work/{@code cacheName}. */
    static Result runIn(Path home, String cacheName, String... args) throws IOException, InterruptedException {
        Path work = Paths.get(System.getProperty("cgformer.test.work", "target/work"));
        Files.createDirectories(work);
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/cgformer").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
        builder.environment().put("CGFORMER_CACHE", work.resolve(cacheName).toString());
        builder.environment().put("CGFORMER_DJL_CACHE", System.getProperty("cgformer.djl.cache", work.resolve("djl").toString()));
        Path out = work.resolve("stdout.txt");
        Path err = work.resolve("stderr.txt");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("cgformer " + String.join(" ", args) + " did not finish in 5 minutes");
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
