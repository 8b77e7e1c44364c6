package org.conpaas.agent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Brings a code version onto the node: downloads the archive, checks it against the
 * director's {@code X-Code-Checksum: sha256=<hex>} and unpacks it into {@code code/<version>}
 * (first into a hidden directory, so a half-unpacked version is never there).
 */
final class CodeInstaller {

    private static final Pattern CHECKSUM = Pattern.compile("sha256=([0-9a-fA-F]{64})");
    private static final Logger LOG = Logger.getLogger(CodeInstaller.class.getName());

    private final DirectorClient director;
    private final Path codeRoot;
    private final UnpackLimits limits;

    CodeInstaller(DirectorClient director, Path codeRoot, UnpackLimits limits) {
        this.director = director;
        this.codeRoot = codeRoot;
        this.limits = limits;
    }

    /** The directory holding {@code version}; IOException when the download failed and may work later. */
    Path install(long version) throws IOException, InterruptedException, CodeRefused {
        return install(version, false);
    }

    /**
     * The directory holding {@code version}, fetched by its number ({@code ?version=N}) unless the node
     * has it already (a rollback to the previous version needs no download).
     */
    Path installVersion(long version) throws IOException, InterruptedException, CodeRefused {
        Path directory = codeRoot.resolve(Long.toString(version));
        return Files.isDirectory(directory) ? directory : install(version, true);
    }

    private Path install(long version, boolean byNumber) throws IOException, InterruptedException, CodeRefused {
        Files.createDirectories(codeRoot);
        Path archive = codeRoot.resolve(".download-" + version);
        Path unpacking = codeRoot.resolve(".unpack-" + version);
        Path directory = codeRoot.resolve(Long.toString(version));
        try {
            String checksum = byNumber ? director.downloadCode(archive, version) : director.downloadCode(archive);
            verify(archive, checksum);
            deleteTree(unpacking);
            ArchiveUnpacker.unpack(archive, unpacking, limits);
            deleteTree(directory);
            Files.move(unpacking, directory, StandardCopyOption.ATOMIC_MOVE);
            LOG.info(() -> "code version " + version + " unpacked into " + directory);
            return directory;
        } finally {
            Files.deleteIfExists(archive);
            deleteTree(unpacking);
        }
    }

    /** Removes every version but {@code keep}, after the agent moved on to it. */
    void removeAllBut(long keep) {
        removeAllBut(java.util.Set.of(keep));
    }

    /** Removes every version but those in {@code keep} (the running one and the one before, for a quick rollback). */
    void removeAllBut(java.util.Set<Long> keep) {
        if (!Files.isDirectory(codeRoot)) {
            return;
        }
        java.util.Set<String> names = keep.stream().map(String::valueOf).collect(java.util.stream.Collectors.toSet());
        try (var versions = Files.list(codeRoot)) {
            for (Path path : versions.toList()) {
                if (!names.contains(path.getFileName().toString())) {
                    deleteTree(path);
                }
            }
        } catch (IOException e) {
            LOG.warning(() -> "could not remove old code versions: " + e.getMessage());
        }
    }

    private static void verify(Path archive, String checksum) throws IOException, CodeRefused {
        if (checksum == null) {
            throw new CodeRefused("the code download carries no X-Code-Checksum header");
        }
        Matcher matcher = CHECKSUM.matcher(checksum.strip());
        if (!matcher.matches()) {
            throw new CodeRefused("X-Code-Checksum is not sha256=<64 hex digits>: '" + checksum + "'");
        }
        String actual = sha256(archive);
        if (!actual.equals(matcher.group(1).toLowerCase(Locale.ROOT))) {
            throw new CodeRefused("checksum mismatch: the director announced sha256=" + matcher.group(1).toLowerCase(Locale.ROOT)
                    + " but the downloaded archive has sha256=" + actual);
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[65536];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(directory);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
