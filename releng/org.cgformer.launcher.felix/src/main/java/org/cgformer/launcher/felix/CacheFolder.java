package org.cgformer.launcher.felix;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Felix storage folder of one runtime installation, reused between runs while the bundle jars
 * stay the same (a fingerprint of their names, sizes and dates decides). Felix storage cannot be
 * shared by two processes, so a second concurrent {@code cgformer} gets a private temporary
 * folder, deleted when it exits.
 *
 * <p>Location: {@code $CGFORMER_CACHE}, else {@code $XDG_CACHE_HOME/cgformer}, else
 * {@code ~/.cache/cgformer}; one sub-folder per installation path.
 */
final class CacheFolder implements AutoCloseable {

    private static final String FINGERPRINT_FILE = "cgformer-bundles.fingerprint";

    private final Path storage;
    private final String fingerprint;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final boolean temporary;

    private CacheFolder(Path storage, String fingerprint, FileChannel lockChannel, FileLock lock, boolean temporary) {
        this.storage = storage;
        this.fingerprint = fingerprint;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.temporary = temporary;
    }

    static CacheFolder open(Path home, List<Path> jars) throws IOException {
        String fingerprint = fingerprint(jars);
        Path shared = root().resolve("felix-" + sha256(home.toString()).substring(0, 12));
        try {
            Files.createDirectories(shared);
            FileChannel channel = FileChannel.open(shared.resolveSibling(shared.getFileName() + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock != null) {
                return new CacheFolder(shared, fingerprint, channel, lock, false);
            }
            channel.close();
        } catch (IOException e) {
            // not writable (read-only home on a cluster node): fall through to a private folder
        }
        Path temporary = Files.createTempDirectory("cgformer-felix-");
        return new CacheFolder(temporary, fingerprint, null, null, true);
    }

    Path storage() {
        return storage;
    }

    /** True when the framework must be started clean and every bundle installed again. */
    boolean needsInstall() {
        try {
            return temporary || !fingerprint.equals(Files.readString(storage.resolve(FINGERPRINT_FILE)));
        } catch (IOException e) {
            return true;
        }
    }

    void markInstalled() {
        if (temporary) {
            return;
        }
        try {
            Files.writeString(storage.resolve(FINGERPRINT_FILE), fingerprint);
        } catch (IOException e) {
            // only costs a reinstall next time
        }
    }

    @Override
    public void close() throws IOException {
        if (lock != null) {
            lock.release();
            lockChannel.close();
        }
        if (temporary) {
            deleteRecursively(storage);
        }
    }

    private static Path root() {
        String explicit = System.getenv("CGFORMER_CACHE");
        if (explicit != null && !explicit.isBlank()) {
            return Paths.get(explicit);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Paths.get(xdg, "cgformer");
        }
        return Paths.get(System.getProperty("user.home"), ".cache", "cgformer");
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    private static String fingerprint(List<Path> jars) throws IOException {
        StringBuilder text = new StringBuilder();
        for (Path jar : jars) {
            text.append(jar.getFileName()).append(' ').append(Files.size(jar)).append(' ')
                    .append(Files.getLastModifiedTime(jar).toMillis()).append('\n');
        }
        return sha256(text.toString());
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
