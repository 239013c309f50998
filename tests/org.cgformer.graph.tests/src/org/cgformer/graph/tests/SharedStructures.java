package org.cgformer.graph.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

import org.cgformer.structure.api.Lattice;
import org.cgformer.structure.api.Species;
import org.cgformer.structure.api.Structure;
import org.cgformer.structure.api.StructureReader;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** Structures of ../shared/data, read with the installed StructureReader services; small made-up ones. */
final class SharedStructures {

    static final String NASICON = "nasicon/Na3Zr2Si2PO12_R-3c_average.cif";
    static final String JDFT2D = "benchmarks/matbench_jdft2d";

    private SharedStructures() {
    }

    static Path data(String relative) {
        return Paths.get(System.getProperty("cgformer.shared.data", "../shared/data")).resolve(relative);
    }

    static Structure read(String relative) throws Exception {
        return read(data(relative));
    }

    static Structure read(Path file) throws Exception {
        for (StructureReader reader : readers()) {
            if (reader.canRead(file.toString())) {
                return reader.read(file).structure();
            }
        }
        throw new AssertionError("no StructureReader service for " + file);
    }

    static <T> T service(Class<T> type) throws InterruptedException {
        BundleContext context = FrameworkUtil.getBundle(SharedStructures.class).getBundleContext();
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        try {
            T service = tracker.waitForService(20_000);
            if (service == null) {
                throw new AssertionError("no " + type.getSimpleName() + " service after 20 s");
            }
            return service;
        } finally {
            tracker.close();
        }
    }

    private static List<StructureReader> readers() throws InterruptedException {
        BundleContext context = FrameworkUtil.getBundle(SharedStructures.class).getBundleContext();
        ServiceTracker<StructureReader, StructureReader> tracker = new ServiceTracker<>(context, StructureReader.class, null);
        tracker.open();
        try {
            tracker.waitForService(20_000);
            return List.of(tracker.getServices(new StructureReader[0]));
        } finally {
            tracker.close();
        }
    }

    /** Every {@code step}-th CIF of a shared folder (searched recursively), sorted by path. */
    static List<Path> everyNth(String folder, int step) throws IOException {
        try (Stream<Path> files = Files.walk(data(folder))) {
            List<Path> cifs = files.filter(f -> f.toString().endsWith(".cif")).sorted().toList();
            return java.util.stream.IntStream.range(0, cifs.size()).filter(i -> i % step == 0).mapToObj(cifs::get).toList();
        }
    }

    /** One site of {@code species} at the origin of a cubic cell of edge {@code a} Å. */
    static Structure cubic(String species, double a) {
        return Structure.builder(Lattice.cubic(a)).addSite(species + "1", Species.parse(species), 0, 0, 0).build();
    }
}
