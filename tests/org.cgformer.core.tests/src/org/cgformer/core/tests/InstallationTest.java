package org.cgformer.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.cgformer.core.install.Installation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the commands' defaults are looked for: the working directory, then the installation; the shared data folder. */
class InstallationTest {

    /** A relative path that no working directory of the build holds. */
    private static final Path SHIPPED = Path.of("examples", "installation-test", "demo.designspace");

    @TempDir
    Path folder;
    private String home;
    private String sharedData;

    @BeforeEach
    void saveProperties() {
        home = System.getProperty(Installation.HOME_PROPERTY);
        sharedData = System.getProperty(Installation.SHARED_DATA_PROPERTY);
    }

    @AfterEach
    void restoreProperties() {
        restore(Installation.HOME_PROPERTY, home);
        restore(Installation.SHARED_DATA_PROPERTY, sharedData);
    }

    @Test
    void shippedFileNotInTheWorkingDirectoryIsFoundInTheInstallation() throws IOException {
        Path installed = folder.resolve(SHIPPED);
        Files.createDirectories(installed.getParent());
        Files.writeString(installed, "x");
        System.setProperty(Installation.HOME_PROPERTY, folder.toString());

        assertEquals(List.of(SHIPPED, installed), Installation.shippedPlaces(SHIPPED));
        assertEquals(Optional.of(installed), Installation.findShipped(SHIPPED));
        assertEquals(installed, Installation.requireShipped(SHIPPED, "give --design FILE"));
    }

    @Test
    void missingShippedFileNamesEveryPlaceAndWhatToDoInstead() {
        System.setProperty(Installation.HOME_PROPERTY, folder.toString());
        FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> Installation.requireShipped(SHIPPED, "give --design FILE"));
        assertEquals("no " + SHIPPED + " in the working directory (" + Path.of("").toAbsolutePath() + ") or the installation (" + folder
                + "): give --design FILE", e.getMessage());

        System.clearProperty(Installation.HOME_PROPERTY);
        assertEquals(List.of(SHIPPED), Installation.shippedPlaces(SHIPPED));
        e = assertThrows(FileNotFoundException.class, () -> Installation.requireShipped(SHIPPED, "give --design FILE"));
        assertTrue(e.getMessage().contains("no installation folder is known (bin/cgformer sets -Dcgformer.home)"), e.getMessage());
    }

    @Test
    void sharedDataComesFromThePropertyAndAMissingFileSaysHowToPointElsewhere() throws IOException {
        Files.createDirectories(folder.resolve("nasicon"));
        Files.writeString(folder.resolve("nasicon/host.cif"), "x");
        System.setProperty(Installation.SHARED_DATA_PROPERTY, folder.toString());

        assertEquals(folder, Installation.sharedData());
        assertEquals(folder.resolve("nasicon/host.cif"), Installation.requireSharedData(Path.of("nasicon", "host.cif"), "give --host CIF"));
        FileNotFoundException e = assertThrows(FileNotFoundException.class,
                () -> Installation.requireSharedData(Path.of("nasicon", "other.cif"), "give --host CIF"));
        assertEquals("no shared data " + Path.of("nasicon", "other.cif") + ": " + folder.resolve("nasicon/other.cif") + " does not exist (shared data folder "
                + folder + ", -Dcgformer.shared.data); set CGFORMER_SHARED_DATA (or -Dcgformer.shared.data in CGFORMER_JAVA_OPTS) to the "
                + "shared data folder, or give --host CIF", e.getMessage());
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
