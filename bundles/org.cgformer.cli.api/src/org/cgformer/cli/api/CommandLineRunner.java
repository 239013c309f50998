package org.cgformer.cli.api;

/**
 * Runs one {@code cgformer} command line. The batch launcher looks this service up by name after
 * starting the framework and exits with the returned code.
 */
public interface CommandLineRunner {

    /** Exit code when the command ran and succeeded. */
    int OK = 0;
    /** Exit code when the command ran but failed (bad input, missing file…). */
    int FAILED = 1;
    /** Exit code for an unknown command or bad options. */
    int USAGE = 2;

    /** Parses {@code args}, runs the chosen command and returns its exit code; never throws. */
    int execute(String... args);
}
