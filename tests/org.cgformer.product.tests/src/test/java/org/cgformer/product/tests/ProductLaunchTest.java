package org.cgformer.product.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Starts the materialized product exactly as a user does ({@code cgformer-workbench}), waits for
 * its window on the X display, saves a screenshot and checks the workspace log for errors.
 */
class ProductLaunchTest {

    private static final String TITLE = "CGformer Workbench";
    private static final Pattern WINDOW_LINE = Pattern.compile("^\\s*(0x[0-9a-f]+) \"([^\"]*)\"", Pattern.MULTILINE);

    @Test
    void productStartsAndShowsItsWorkbenchWindow() throws Exception {
        assertNotNull(System.getenv("DISPLAY"), "no X display: run the tests with ./build, which starts Xvfb");
        Path product = Paths.get(System.getProperty("cgformer.product"));
        Path script = product.resolve("cgformer-workbench");
        assertTrue(Files.isExecutable(script), "no launch script " + script);
        Path work = Paths.get(System.getProperty("cgformer.test.work"));
        Path workspace = work.resolve("workspace");
        Files.createDirectories(work);
        ProcessBuilder builder = new ProcessBuilder(script.toString(), "-data", workspace.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("product-console.txt").toFile());
        builder.environment().put("CGFORMER_DJL_CACHE", System.getProperty("cgformer.djl.cache"));
        Process process = builder.start();
        try {
            waitForWindow(process, 120);
            assertTrue(process.isAlive(), "the workbench exited");
            Path png = screenshot();
            // on a loaded machine the window may be mapped before it is painted (an all-black root): look again
            for (int retry = 0; retry < 15 && Files.size(png) <= 10_000 && process.isAlive(); retry++) {
                Thread.sleep(2000);
                png = screenshot();
            }
            assertTrue(Files.size(png) > 10_000, "screenshot " + png + " is too small to show a window");
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        assertNoErrorsLogged(workspace.resolve(".metadata/.log"));
    }

    private static String waitForWindow(Process process, int seconds) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                fail("the workbench exited with " + process.exitValue() + " before showing a window; see target/work/product-console.txt");
            }
            Matcher matcher = WINDOW_LINE.matcher(run("xwininfo", "-root", "-tree"));
            while (matcher.find()) {
                // toolkits create unmapped helper windows with the same title: wait for the visible one
                if (matcher.group(2).contains(TITLE) && run("xwininfo", "-id", matcher.group(1)).contains("IsViewable")) {
                    Thread.sleep(3000); // let it finish painting
                    return matcher.group(1);
                }
            }
            Thread.sleep(500);
        }
        fail("no window titled '" + TITLE + "' within " + seconds + " s");
        return null;
    }

    private static Path screenshot() throws Exception {
        Path folder = Paths.get(System.getProperty("cgformer.screenshots"));
        Files.createDirectories(folder);
        Path png = folder.resolve("product-window.png");
        // the root window, so dialogs the workbench may have opened on top are in the picture too
        run("import", "-window", "root", png.toString());
        System.out.println("[product test] screenshot " + png);
        return png;
    }

    private static void assertNoErrorsLogged(Path log) throws IOException {
        if (!Files.exists(log)) {
            return;
        }
        List<String> errors = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                .filter(line -> line.startsWith("!ENTRY") && line.contains(" 4 ")).toList();
        assertEquals(List.of(), errors, "errors in " + log);
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            fail(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }
}
