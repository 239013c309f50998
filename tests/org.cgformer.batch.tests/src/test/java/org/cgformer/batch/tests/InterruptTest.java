package org.cgformer.batch.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * A signal while a command runs ends the process at once with the shell's exit code (128 + signal) and a line that says
 * so, without the C++ static destructors that raced with libtorch calls still running on the command's thread.
 */
class InterruptTest {

    @Test
    void sigtermWhileACommandRunsExits143AndSaysSo() throws Exception {
        Path work = Paths.get(System.getProperty("cgformer.test.work", "target/work"));
        Files.createDirectories(work);
        Path out = work.resolve("interrupt-stdout.txt");
        Path err = work.resolve("interrupt-stderr.txt");
        ProcessBuilder builder = new ProcessBuilder(List.of(CgformerProcess.runtime().resolve("bin/cgformer").toString(), "shell"))
                .directory(work.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("CGFORMER_CACHE", work.resolve("cache").toString());
        builder.environment().put("CGFORMER_DJL_CACHE", System.getProperty("cgformer.djl.cache", work.resolve("djl").toString()));
        Process process = builder.start(); // the shell reads commands from its standard input, which stays open
        try {
            process.getOutputStream().write("version\n".getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
            long deadline = System.currentTimeMillis() + 120_000;
            // once the first command's output is there, the shell is inside its command, waiting for the next line
            while (System.currentTimeMillis() < deadline && process.isAlive()
                    && !Files.readString(out, StandardCharsets.UTF_8).contains("PyTorch")) {
                Thread.sleep(200);
            }
            Thread.sleep(1000);
            assertTrue(process.isAlive(), "the shell ended before the signal: " + Files.readString(err, StandardCharsets.UTF_8));
            // bin/cgformer execs java, so this is the JVM's pid; the handle's destroy() sends SIGTERM and, unlike
            // Process.destroy(), leaves the shell's input open (its end would finish the command as well)
            assertTrue(process.toHandle().destroy(), "SIGTERM not sent");
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "no exit 30 s after SIGTERM");
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            assertEquals(143, process.exitValue(), stderr);
            assertTrue(stderr.contains("stopped by SIGTERM (exit code 143)"), stderr);
        } finally {
            process.destroyForcibly();
        }
    }
}
