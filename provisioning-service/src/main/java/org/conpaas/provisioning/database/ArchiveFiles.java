package org.conpaas.provisioning.database;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where database archives and uploaded loads are kept, outside every node: files in
 * {@code conpaas.database.archive-dir}, each written whole (to a partial file first) and no larger
 * than {@code conpaas.web.max-upload-size}.
 */
@Component
class ArchiveFiles {

    /** A file stored: its size and SHA-256. */
    record Stored(long size, String sha256) {
    }

    private final Path directory;
    private final long maxBytes;

    ArchiveFiles(@Value("${conpaas.database.archive-dir:${user.home}/.conpaas/database-archives}") Path directory,
                 @Value("${conpaas.web.max-upload-size:100MB}") DataSize maxSize) {
        this.directory = directory.toAbsolutePath();
        this.maxBytes = maxSize.toBytes();
    }

    Path archive(String id) {
        return directory.resolve(id + ".sql.gz");
    }

    Path upload(String importId) {
        return directory.resolve("import-" + importId + ".sql");
    }

    /** Copies {@code in} to {@code target}; a body over the limit is refused (TooLarge) and nothing is kept. */
    Stored store(InputStream in, Path target) throws IOException {
        Files.createDirectories(directory);
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
        long size = 0;
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(partial), sha)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                size += n;
                if (size > maxBytes) {
                    throw new TooLarge(maxBytes);
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new Stored(size, HexFormat.of().formatHex(sha.digest()));
    }

    void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the next retention pass tries again
        }
    }

    /** A body over {@code conpaas.web.max-upload-size}. */
    static final class TooLarge extends RuntimeException {
        TooLarge(long max) {
            super("the file is larger than " + max + " bytes (conpaas.web.max-upload-size)");
        }
    }
}
