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
        return runFrom(home, work, work.resolve(cacheName), 5, args);
    }

    /**
     * Runs {@code bin/cgformer} of the runtime in {@code home} from {@code workingDirectory}, with its Felix cache in
     * {@code cache}, as a user would who has not set {@code CGFORMER_SHARED_DATA}; fails after {@code minutes}.
     */
    static Result runFrom(Path home, Path workingDirectory, Path cache, int minutes, String... args) throws IOException, InterruptedException {
        ProcessBuilder builder = builder(home, workingDirectory, cache, args);
        Path out = workingDirectory.resolve("stdout.txt");
        Path err = workingDirectory.resolve("stderr.txt");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = builder.start();
        if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("cgformer " + String.join(" ", args) + " did not finish in " + minutes + " minutes; stderr so far:\n"
                    + Files.readString(err, StandardCharsets.UTF_8));
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    /**
     * The process of {@code bin/cgformer} of the runtime in {@code home}, run from {@code workingDirectory} with its Felix
     * cache in {@code cache}, as a user would who has not set {@code CGFORMER_SHARED_DATA}; not started, output not
     * redirected.
     */
    static ProcessBuilder builder(Path home, Path workingDirectory, Path cache, String... args) {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/cgformer").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile());
        builder.environment().remove("CGFORMER_SHARED_DATA");
        builder.environment().put("CGFORMER_CACHE", cache.toString());
        builder.environment().put("CGFORMER_DJL_CACHE", System.getProperty("cgformer.djl.cache", cache.resolveSibling("djl").toString()));
        return builder;
    }
}
