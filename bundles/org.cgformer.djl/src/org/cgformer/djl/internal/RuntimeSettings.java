package org.cgformer.djl.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Where libtorch is extracted and how many threads it uses. Each setting is read from a system
 * property, then an environment variable, then a default suited to small machines.
 *
 * <ul>
 * <li>{@code cgformer.djl.cache} / {@code CGFORMER_DJL_CACHE}: extraction folder (needs about
 * 450 MB once); falls back to DJL's own {@code DJL_CACHE_DIR}, then {@code ~/.cgformer/djl}.</li>
 * <li>{@code cgformer.torch.threads} / {@code CGFORMER_TORCH_THREADS}: intra-op threads; default
 * one per core up to 8, minus one core left to the JVM on machines with at most 4 cores.</li>
 * <li>{@code cgformer.torch.interopThreads} / {@code CGFORMER_TORCH_INTEROP_THREADS}: default 1.</li>
 * </ul>
 */
final class RuntimeSettings {

    /** libtorch 2.7.1 CPU unpacks to about 432 MB; ask for a little more before extracting. */
    static final long EXTRACTION_SPACE_BYTES = 500L * 1024 * 1024;

    private static final String CUDA_PROBE_LOGGER = "org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils";

    final Path cacheFolder;
    final int intraOpThreads;
    final int interOpThreads;

    private RuntimeSettings(Path cacheFolder, int intraOpThreads, int interOpThreads) {
        this.cacheFolder = cacheFolder;
        this.intraOpThreads = intraOpThreads;
        this.interOpThreads = interOpThreads;
    }

    static RuntimeSettings fromEnvironment() {
        String cache = firstNonBlank(setting("cgformer.djl.cache", "CGFORMER_DJL_CACHE"),
                setting("DJL_CACHE_DIR", "DJL_CACHE_DIR"));
        Path folder = cache != null ? Paths.get(cache)
                : Paths.get(System.getProperty("user.home"), ".cgformer", "djl");
        int cores = Runtime.getRuntime().availableProcessors();
        int defaultThreads = cores <= 4 ? Math.max(1, cores - 1) : Math.min(cores, 8);
        int intra = positiveInt("cgformer.torch.threads", "CGFORMER_TORCH_THREADS", defaultThreads);
        int inter = positiveInt("cgformer.torch.interopThreads", "CGFORMER_TORCH_INTEROP_THREADS", 1);
        return new RuntimeSettings(folder.toAbsolutePath().normalize(), intra, inter);
    }

    /** Creates the cache folder and proves it writable, or says which folder and how to change it. */
    void prepareCacheFolder() {
        try {
            Files.createDirectories(cacheFolder);
            Path probe = Files.createTempFile(cacheFolder, ".write-test", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new IllegalStateException("The DJL cache folder " + cacheFolder + " is not writable (" + e
                    + "). Set CGFORMER_DJL_CACHE or -Dcgformer.djl.cache to a writable folder with 500 MB free.", e);
        }
    }

    /** Fails early with a clear message when libtorch must still be unpacked and the disk is full. */
    void checkSpaceForExtraction(Path libtorchFolder) {
        if (Files.isDirectory(libtorchFolder)) {
            return;
        }
        try {
            long free = Files.getFileStore(cacheFolder).getUsableSpace();
            if (free < EXTRACTION_SPACE_BYTES) {
                throw new IllegalStateException(String.format(
                        "The DJL cache folder %s has %d MB free; unpacking libtorch needs about %d MB. "
                                + "Free some space or set CGFORMER_DJL_CACHE to another folder.",
                        cacheFolder, free >> 20, EXTRACTION_SPACE_BYTES >> 20));
            }
        } catch (IOException e) {
            // the space check is advisory: the extraction itself reports a full disk
        }
    }

    /** Publishes the settings as the properties DJL and its PyTorch engine read on start-up. */
    void applyToDjl() {
        System.setProperty("DJL_CACHE_DIR", cacheFolder.toString());
        System.setProperty("ENGINE_CACHE_DIR", cacheFolder.toString());
        // everything the engine needs is inside this bundle: never reach for the network
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(intraOpThreads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", Integer.toString(interOpThreads));
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        // we ship the CPU natives only; DJL's probe for a CUDA driver would only warn about it
        if (System.getProperty(CUDA_PROBE_LOGGER) == null) {
            System.setProperty(CUDA_PROBE_LOGGER, "error");
        }
    }

    private static String setting(String property, String environment) {
        return firstNonBlank(System.getProperty(property), System.getenv(environment));
    }

    private static int positiveInt(String property, String environment, int fallback) {
        String value = setting(property, environment);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(property + " / " + environment + " must be a positive integer, got '" + value + "'");
    }

    private static String firstNonBlank(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a;
        }
        return b != null && !b.isBlank() ? b : null;
    }
}
