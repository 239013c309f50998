package org.cgformer.core.install;

import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the defaults of the commands lie: the files the product ships ({@code examples/}) and the shared data
 * ({@code ../shared/data} next to a checkout). One place for both, so that a default works the same in a checkout
 * ({@code ./cgformer} from the repository root) and in an unpacked batch runtime started from any folder
 * ({@code bin/cgformer} sets {@value #HOME_PROPERTY} to the installation folder).
 */
public final class Installation {

    /** System property with the installation folder (set by {@code bin/cgformer}). */
    public static final String HOME_PROPERTY = "cgformer.home";
    /** System property with the shared data folder; wins over {@value #SHARED_DATA_VARIABLE}. */
    public static final String SHARED_DATA_PROPERTY = "cgformer.shared.data";
    /** Environment variable with the shared data folder. */
    public static final String SHARED_DATA_VARIABLE = "CGFORMER_SHARED_DATA";
    /** The shared data folder when neither is set: beside the repository, seen from its root. */
    public static final Path DEFAULT_SHARED_DATA = Path.of("..", "shared", "data");

    private Installation() {
    }

    /** The installation folder, when the runtime was started by its launcher script. */
    public static Optional<Path> home() {
        String home = System.getProperty(HOME_PROPERTY);
        return home == null || home.isBlank() ? Optional.empty() : Optional.of(Path.of(home));
    }

    /**
     * The places a shipped file is looked for, in order: {@code relative} in the working directory (a checkout, or a
     * user's own copy), then in the installation.
     */
    public static List<Path> shippedPlaces(Path relative) {
        List<Path> places = new ArrayList<>();
        places.add(relative);
        if (!relative.isAbsolute()) {
            home().ifPresent(home -> places.add(home.resolve(relative)));
        }
        return places;
    }

    /** A shipped file or folder ({@code examples/...}) in the first of {@link #shippedPlaces} that has it. */
    public static Optional<Path> findShipped(Path relative) {
        return shippedPlaces(relative).stream().filter(Files::exists).findFirst();
    }

    /**
     * Like {@link #findShipped}, for a default the command cannot do without.
     *
     * @param instead what the user can do instead, e.g. {@code "give --design FILE"}
     * @throws FileNotFoundException naming every place looked at and {@code instead}
     */
    public static Path requireShipped(Path relative, String instead) throws FileNotFoundException {
        Optional<Path> found = findShipped(relative);
        if (found.isPresent()) {
            return found.get();
        }
        String workingDirectory = "the working directory (" + Path.of("").toAbsolutePath() + ")";
        String where = home().map(home -> workingDirectory + " or the installation (" + home + ")")
                .orElse(workingDirectory + "; no installation folder is known (bin/cgformer sets -D" + HOME_PROPERTY + ")");
        throw new FileNotFoundException("no " + relative + " in " + where + ": " + instead);
    }

    /** The shared data folder: {@value #SHARED_DATA_PROPERTY}, else {@value #SHARED_DATA_VARIABLE}, else ../shared/data. */
    public static Path sharedData() {
        String property = System.getProperty(SHARED_DATA_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String variable = System.getenv(SHARED_DATA_VARIABLE);
        return variable != null && !variable.isBlank() ? Path.of(variable) : DEFAULT_SHARED_DATA;
    }

    /** Which setting {@link #sharedData()} came from, for messages. */
    static String sharedDataSetting() {
        String property = System.getProperty(SHARED_DATA_PROPERTY);
        if (property != null && !property.isBlank()) {
            return "-D" + SHARED_DATA_PROPERTY;
        }
        String variable = System.getenv(SHARED_DATA_VARIABLE);
        return variable != null && !variable.isBlank() ? SHARED_DATA_VARIABLE : "the default, " + DEFAULT_SHARED_DATA + " from the working directory";
    }

    /**
     * A file or folder of the shared data that a default needs, e.g. {@code nasicon/Na4Zr2Si3O12_R-3c.cif}.
     *
     * @param instead what the user can do instead, e.g. {@code "give --host CIF"}
     * @throws FileNotFoundException naming the path looked for, the setting it came from and how to point elsewhere
     */
    public static Path requireSharedData(Path relative, String instead) throws FileNotFoundException {
        Path file = sharedData().resolve(relative);
        if (Files.exists(file)) {
            return file;
        }
        throw new FileNotFoundException("no shared data " + relative + ": " + file.toAbsolutePath().normalize() + " does not exist (shared data folder "
                + sharedData() + ", " + sharedDataSetting() + "); set " + SHARED_DATA_VARIABLE + " (or -D" + SHARED_DATA_PROPERTY
                + " in CGFORMER_JAVA_OPTS) to the shared data folder, or " + instead);
    }
}
