package org.cgformer.cli.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.cgformer.cli.api.CommandLineRunner;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code cgformer shell [SCRIPT]}: one runtime, many commands. Reads lines from SCRIPT or standard input; each
 * line is a bundle command ({@code install}, {@code start}, {@code stop}, {@code uninstall}, {@code bundles}),
 * a shell command ({@code wait}, {@code sleep}, {@code help}, {@code exit}) or any {@code cgformer} command,
 * run in this same framework, so models and featurizers of bundles installed or stopped here appear in and
 * disappear from {@code models} and {@code featurizers} at once. A line ending in {@code &} runs in the
 * background. Bundles installed by the shell are uninstalled when it ends (the runtime's bundles/ folder
 * stays what the next {@code cgformer} starts with).
 */
@Command(name = "shell", mixinStandardHelpOptions = true, description = {
    "Run many commands in one runtime, reading them from SCRIPT or standard input (one per line, # comments).",
    "Bundle commands: install FILE (prints the bundle id), start|stop|uninstall ID|NAME, bundles.",
    "Shell commands: COMMAND... & (in the background), wait (for background commands), sleep SECONDS, help, exit.",
    "Every other line is a cgformer command, e.g. 'models' or 'train DIR --model schnet -o OUT'.",
    "Bundles installed here are uninstalled when the shell ends. Exit code 1 when any command failed."})
public class ShellCommand implements Callable<Integer> {

    private static final long REFRESH_TIMEOUT_SECONDS = 30;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SCRIPT", description = "File of commands (default: standard input).")
    Path script;

    private final BundleContext context;
    private final Set<Bundle> installedHere = new LinkedHashSet<>();
    private final List<Thread> background = new ArrayList<>();
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicInteger jobs = new AtomicInteger();
    private PrintWriter out;
    private PrintWriter err;

    ShellCommand(BundleContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        out = spec.commandLine().getOut();
        err = spec.commandLine().getErr();
        boolean interactive = script == null && System.console() != null;
        try (BufferedReader lines = new BufferedReader(open())) {
            int number = 0;
            while (true) {
                if (interactive) {
                    out.print("cgformer> ");
                    out.flush();
                }
                String line = lines.readLine();
                if (line == null) {
                    break;
                }
                number++;
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (!interactive) {
                    // echo, so that the output of a script says which command printed what
                    out.println("> " + line);
                    out.flush();
                }
                if (line.equals("exit") || line.equals("quit")) {
                    break;
                }
                if (!runLine(line, where(number))) {
                    failures.incrementAndGet();
                }
            }
        } finally {
            waitForBackground();
            uninstallInstalledHere();
        }
        if (failures.get() > 0) {
            err.println("shell: " + failures.get() + " command(s) failed");
            return CommandLineRunner.FAILED;
        }
        return CommandLineRunner.OK;
    }

    private Reader open() throws IOException {
        if (script == null) {
            return new InputStreamReader(System.in, StandardCharsets.UTF_8);
        }
        if (!Files.isRegularFile(script)) {
            throw new IOException("no script file " + script);
        }
        return Files.newBufferedReader(script, StandardCharsets.UTF_8);
    }

    private String where(int line) {
        return script == null ? "line " + line : script.getFileName() + ":" + line;
    }

    /** Runs one line; false when it failed (the reason is on standard error). */
    private boolean runLine(String line, String where) {
        List<String> words;
        try {
            words = tokenize(line);
        } catch (IllegalArgumentException e) {
            err.println("shell: " + where + ": " + e.getMessage());
            return false;
        }
        if (words.get(words.size() - 1).equals("&")) {
            startInBackground(words.subList(0, words.size() - 1), where);
            return true;
        }
        try {
            return runWords(words);
        } catch (BundleException | IOException | IllegalArgumentException | IllegalStateException e) {
            err.println("shell: " + where + ": " + e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("shell: " + where + ": interrupted");
            return false;
        }
    }

    private boolean runWords(List<String> words) throws BundleException, IOException, InterruptedException {
        String command = words.get(0);
        List<String> args = words.subList(1, words.size());
        switch (command) {
            case "install":
                expect(args, 1, "install FILE");
                install(args.get(0));
                return true;
            case "start":
                expect(args, 1, "start ID|NAME");
                bundle(args.get(0)).start();
                report("started", bundle(args.get(0)));
                return true;
            case "stop":
                expect(args, 1, "stop ID|NAME");
                bundle(args.get(0)).stop();
                report("stopped", bundle(args.get(0)));
                return true;
            case "uninstall":
                expect(args, 1, "uninstall ID|NAME");
                uninstall(bundle(args.get(0)));
                return true;
            case "bundles":
                bundles();
                return true;
            case "wait":
                waitForBackground();
                return true;
            case "sleep":
                expect(args, 1, "sleep SECONDS");
                Thread.sleep(Math.round(parseSeconds(args.get(0)) * 1000));
                return true;
            case "help":
                if (args.isEmpty()) {
                    spec.commandLine().usage(out);
                    return true;
                }
                return runner().execute(words.toArray(String[]::new)) == CommandLineRunner.OK;
            default:
                return runner().execute(words.toArray(String[]::new)) == CommandLineRunner.OK;
        }
    }

    private void startInBackground(List<String> words, String where) {
        if (words.isEmpty()) {
            err.println("shell: " + where + ": nothing to run before '&'");
            failures.incrementAndGet();
            return;
        }
        int job = jobs.incrementAndGet();
        String text = String.join(" ", words);
        Thread thread = new Thread(() -> {
            boolean ok;
            try {
                ok = runWords(words);
            } catch (Exception e) {
                err.println("shell: " + where + ": " + e.getMessage());
                ok = false;
            }
            if (!ok) {
                failures.incrementAndGet();
            }
            out.println("[" + job + "] " + (ok ? "done" : "failed") + ": " + text);
            out.flush();
        }, "cgformer-shell-job-" + job);
        synchronized (background) {
            background.add(thread);
        }
        out.println("[" + job + "] started: " + text);
        out.flush();
        thread.start();
    }

    private void waitForBackground() throws InterruptedException {
        while (true) {
            Thread next;
            synchronized (background) {
                if (background.isEmpty()) {
                    return;
                }
                next = background.remove(0);
            }
            next.join();
        }
    }

    private CommandLineRunner runner() {
        ServiceReference<CommandLineRunner> reference = context.getServiceReference(CommandLineRunner.class);
        CommandLineRunner runner = reference == null ? null : context.getService(reference);
        if (runner == null) {
            throw new IllegalStateException("the command line service is gone (was bundle org.cgformer.cli stopped?)");
        }
        return runner;
    }

    private void install(String location) throws BundleException, IOException {
        Path file = Paths.get(location).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new IOException("no bundle file " + file);
        }
        Bundle bundle = context.installBundle(file.toUri().toString());
        installedHere.add(bundle);
        report("installed", bundle);
    }

    private void uninstall(Bundle bundle) throws BundleException, InterruptedException {
        bundle.uninstall();
        installedHere.remove(bundle);
        report("uninstalled", bundle);
        refresh(bundle);
    }

    /** Lets the framework drop the wiring of an uninstalled bundle, so its classes go away. */
    private void refresh(Bundle bundle) throws InterruptedException {
        FrameworkWiring wiring = context.getBundle(0).adapt(FrameworkWiring.class);
        CountDownLatch done = new CountDownLatch(1);
        wiring.refreshBundles(List.of(bundle), event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED || event.getType() == FrameworkEvent.ERROR) {
                done.countDown();
            }
        });
        if (!done.await(REFRESH_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            err.println("shell: refreshing after uninstalling " + bundle.getSymbolicName() + " did not finish in " + REFRESH_TIMEOUT_SECONDS
                    + " s");
        }
    }

    private void uninstallInstalledHere() {
        for (Bundle bundle : List.copyOf(installedHere)) {
            if (bundle.getState() != Bundle.UNINSTALLED) {
                try {
                    uninstall(bundle);
                } catch (BundleException | IllegalStateException e) {
                    err.println("shell: cannot uninstall " + bundle.getSymbolicName() + ": " + e.getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void bundles() {
        List<Bundle> all = new ArrayList<>(Arrays.asList(context.getBundles()));
        all.sort(Comparator.comparingLong(Bundle::getBundleId));
        out.printf(Locale.ROOT, "%4s  %-11s %-45s %s%n", "id", "state", "bundle", "version");
        for (Bundle b : all) {
            out.printf(Locale.ROOT, "%4d  %-11s %-45s %s%n", b.getBundleId(), state(b), b.getSymbolicName(), b.getVersion());
        }
        out.flush();
    }

    private void report(String what, Bundle bundle) {
        out.printf(Locale.ROOT, "%s %d %s %s (%s)%n", what, bundle.getBundleId(), bundle.getSymbolicName(), bundle.getVersion(), state(bundle));
        out.flush();
    }

    /** The bundle of an id, or the newest bundle of a symbolic name. */
    Bundle bundle(String idOrName) {
        if (idOrName.chars().allMatch(Character::isDigit)) {
            Bundle bundle = context.getBundle(Long.parseLong(idOrName));
            if (bundle == null) {
                throw new IllegalArgumentException("no bundle with id " + idOrName + " ('bundles' lists them)");
            }
            return bundle;
        }
        return Arrays.stream(context.getBundles()).filter(b -> idOrName.equals(b.getSymbolicName()))
                .max(Comparator.comparing(Bundle::getVersion))
                .orElseThrow(() -> new IllegalArgumentException("no bundle named " + idOrName + " ('bundles' lists them)"));
    }

    static String state(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        if (revision != null && (revision.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0 && bundle.getState() == Bundle.RESOLVED) {
            return "fragment";
        }
        return switch (bundle.getState()) {
            case Bundle.INSTALLED -> "installed";
            case Bundle.RESOLVED -> "resolved";
            case Bundle.STARTING -> "starting";
            case Bundle.STOPPING -> "stopping";
            case Bundle.ACTIVE -> "active";
            default -> "uninstalled";
        };
    }

    private static void expect(List<String> args, int count, String usage) {
        if (args.size() != count) {
            throw new IllegalArgumentException("usage: " + usage);
        }
    }

    private static double parseSeconds(String text) {
        try {
            double seconds = Double.parseDouble(text);
            if (seconds < 0 || !Double.isFinite(seconds)) {
                throw new NumberFormatException();
            }
            return seconds;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("sleep takes seconds >= 0, got '" + text + "'");
        }
    }

    /** Words of a line: blanks separate, single or double quotes group (no escapes inside single quotes). */
    static List<String> tokenize(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < line.length()) {
                    word.append(line.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unclosed " + quote + " quote in: " + line);
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
