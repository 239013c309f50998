package org.cgformer.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

import org.cgformer.cli.api.CommandContribution;
import org.cgformer.cli.api.CommandLineRunner;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.util.tracker.ServiceTracker;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** The command framework as a service, in Equinox (the batch tests run the same bundles on Felix). */
class CommandLineTest {

    /** Output of one run: exit code, standard output and standard error. */
    record Run(int code, String out, String err) {
    }

    @Test
    void runnerComponentIsActiveInEquinox() throws Exception {
        CommandLineRunner runner = service(CommandLineRunner.class);
        assertNotNull(runner);
        ServiceComponentRuntime scr = service(ServiceComponentRuntime.class);
        ComponentDescriptionDTO description = scr.getComponentDescriptionDTOs().stream()
                .filter(d -> d.name.equals("org.cgformer.cli.runner")).findFirst().orElseThrow();
        int state = scr.getComponentConfigurationDTOs(description).iterator().next().state;
        assertEquals(ComponentConfigurationDTO.ACTIVE, state);
        String framework = bundleContext().getBundle(0).getSymbolicName();
        assertEquals("org.eclipse.osgi", framework, "these tests run on Equinox");
    }

    @Test
    void helpListsTheContributedCommands() throws Exception {
        Run run = run("--help");
        assertEquals(CommandLineRunner.OK, run.code(), run.err());
        assertTrue(run.out().contains("version"), run.out());
        assertTrue(run.out().contains("components"), run.out());
        assertTrue(run.out().contains("Usage: cgformer"), run.out());
    }

    @Test
    void unknownCommandFailsWithUsageMessage() throws Exception {
        Run run = run("frobnicate");
        assertEquals(CommandLineRunner.USAGE, run.code());
        assertTrue(run.err().contains("frobnicate"), run.err());
    }

    @Test
    void badOptionFailsWithUsageMessage() throws Exception {
        Run run = run("components", "--no-such-option");
        assertEquals(CommandLineRunner.USAGE, run.code());
        assertTrue(run.err().contains("--no-such-option"), run.err());
    }

    @Test
    void aCommandRegisteredAsServiceIsAvailableAndGoneWhenUnregistered() throws Exception {
        ServiceRegistration<CommandContribution> registration = bundleContext()
                .registerService(CommandContribution.class, new EchoContribution(), null);
        try {
            assertTrue(run("--help").out().contains("echo"));
            Run run = run("echo", "sodium");
            assertEquals(CommandLineRunner.OK, run.code(), run.err());
            assertEquals("sodium", run.out().strip());
        } finally {
            registration.unregister();
        }
        assertEquals(CommandLineRunner.USAGE, run("echo", "sodium").code());
    }

    @Test
    void commandsOfSeveralBundlesShareAGroup() throws Exception {
        ServiceRegistration<CommandContribution> first = bundleContext()
                .registerService(CommandContribution.class, new GroupedEcho("probe alpha"), null);
        ServiceRegistration<CommandContribution> second = bundleContext()
                .registerService(CommandContribution.class, new GroupedEcho("probe beta"), null);
        try {
            Run help = run("--help");
            assertTrue(help.out().contains("probe") && help.out().contains("Measure things"), help.out());
            Run groupHelp = run("probe", "--help");
            assertEquals(CommandLineRunner.OK, groupHelp.code(), groupHelp.err());
            assertTrue(groupHelp.out().contains("alpha") && groupHelp.out().contains("beta"), groupHelp.out());
            Run run = run("probe", "beta", "sodium");
            assertEquals(CommandLineRunner.OK, run.code(), run.err());
            assertEquals("sodium", run.out().strip());
            Run bare = run("probe");
            assertEquals(CommandLineRunner.USAGE, bare.code(), bare.out() + bare.err());
        } finally {
            first.unregister();
            second.unregister();
        }
    }

    @Test
    void failingCommandExitsWithOneAndAMessageWithoutStackTrace() throws Exception {
        ServiceRegistration<CommandContribution> registration = bundleContext()
                .registerService(CommandContribution.class, new FailContribution(), null);
        try {
            Run run = run("fail");
            assertEquals(CommandLineRunner.FAILED, run.code());
            assertTrue(run.err().contains("missing.cif: no such file"), run.err());
            assertTrue(!run.err().contains("\tat "), "no stack trace without --debug: " + run.err());
        } finally {
            registration.unregister();
        }
    }

    @Test
    void versionPrintsFrameworkAndEngine() throws Exception {
        Run run = run("version");
        assertEquals(CommandLineRunner.OK, run.code(), run.err());
        assertTrue(run.out().contains("org.eclipse.osgi"), run.out());
        assertTrue(run.out().contains("PyTorch 2.7.1"), run.out());
        assertTrue(run.out().contains("DJL       0.36.0"), run.out());
    }

    /** Rock salt in P 1 with Cl moved to 0.1 Angstrom from Na (line 18). */
    private static final String CLOSE_SITES_CIF = """
            data_close
            _cell_length_a 5.64
            _cell_length_b 5.64
            _cell_length_c 5.64
            _cell_angle_alpha 90
            _cell_angle_beta 90
            _cell_angle_gamma 90
            loop_
            _symmetry_equiv_pos_as_xyz
            x,y,z
            loop_
            _atom_site_label
            _atom_site_type_symbol
            _atom_site_fract_x
            _atom_site_fract_y
            _atom_site_fract_z
            _atom_site_occupancy
            Na1 Na+ 0 0 0 1
            Cl1 Cl- 0.017730 0 0 1
            """;

    @Test
    void inspectWarnsAboutOverlappingSitesAndStrictRefusesThem() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("inspect-strict");
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("close.cif"), CLOSE_SITES_CIF);
        Run lenient = run("inspect", "--warnings", file.toString());
        assertEquals(CommandLineRunner.OK, lenient.code(), lenient.err());
        assertTrue(lenient.out().contains(file + ":18: warning: data_close: 1 pair of sites closer than 0.5 Angstrom"),
                lenient.out());
        Run strict = run("inspect", "--strict", file.toString());
        assertEquals(CommandLineRunner.FAILED, strict.code(), strict.out());
        assertTrue(strict.err().contains("cgformer inspect: " + file + ":18: data_close: 1 pair of sites closer than 0.5"),
                strict.err());
        java.nio.file.Path huge = java.nio.file.Files.writeString(dir.resolve("huge.cif"),
                CLOSE_SITES_CIF.replace("_cell_length_a 5.64", "_cell_length_a 1e308"));
        Run refused = run("inspect", huge.toString());
        assertEquals(CommandLineRunner.FAILED, refused.code(), refused.out());
        assertTrue(refused.err().contains(huge + ":2: cell a=1.0E308") && !refused.out().contains("Infinity"), refused.err());
    }

    private static Run run(String... args) throws Exception {
        CommandLineRunner runner = service(CommandLineRunner.class);
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        synchronized (CommandLineTest.class) {
            try {
                System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
                System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
                int code = runner.execute(args);
                return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
            } finally {
                System.setOut(oldOut);
                System.setErr(oldErr);
            }
        }
    }

    private static BundleContext bundleContext() {
        return FrameworkUtil.getBundle(CommandLineTest.class).getBundleContext();
    }

    private static <T> T service(Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(bundleContext(), type, null);
        tracker.open();
        T service = tracker.waitForService(20_000);
        assertNotNull(service, "no " + type.getName() + " service");
        return service;
    }

    static final class EchoContribution implements CommandContribution {
        @Override
        public String name() {
            return "echo";
        }

        @Override
        public Object newCommand() {
            return new Echo();
        }
    }

    static final class GroupedEcho implements CommandContribution {
        private final String name;

        GroupedEcho(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String groupDescription() {
            return "Measure things (test group).";
        }

        @Override
        public Object newCommand() {
            return new Echo();
        }
    }

    @Command(name = "echo", description = "Print the words given (test command).")
    static final class Echo implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "<word>")
        String[] words;

        @Override
        public Integer call() {
            System.out.println(String.join(" ", words));
            return 0;
        }
    }

    static final class FailContribution implements CommandContribution {
        @Override
        public String name() {
            return "fail";
        }

        @Override
        public Object newCommand() {
            return new Fail();
        }
    }

    @Command(name = "fail", description = "Always fails (test command).")
    static final class Fail implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            throw new java.nio.file.NoSuchFileException("missing.cif: no such file");
        }
    }
}
