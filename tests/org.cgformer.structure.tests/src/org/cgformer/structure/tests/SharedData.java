package org.cgformer.structure.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The shared, read-only data set (system property {@code cgformer.shared.data}, set by the build). */
final class SharedData {

    private SharedData() {
    }

    static Path root() {
        String property = System.getProperty("cgformer.shared.data");
        if (property == null) {
            throw new IllegalStateException("system property cgformer.shared.data is not set (the parent pom sets it)");
        }
        return Path.of(property);
    }

    static Path codCommon() {
        return root().resolve("structures/cod_common");
    }

    /** Files under {@code folder} ending in {@code suffix}, sorted. */
    static List<Path> files(Path folder, String suffix) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }
}
