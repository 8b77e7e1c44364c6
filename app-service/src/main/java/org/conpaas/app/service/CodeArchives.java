package org.conpaas.app.service;

import org.conpaas.contracts.id.ServiceId;
import org.conpaas.kit.web.ApiException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where services' code archives live: {@code <conpaas.services.code-dir>/<service>/<version>.archive},
 * written by streaming to a temporary file while counting and hashing (SHA-256), read through by
 * {@link ArchiveInspector}, and moved into place only when accepted: a refused archive leaves no
 * file behind. Nodes fetch the latest; older versions go when pruned ({@link CodeArchiveCleaner}).
 */
@Component
class CodeArchives {

    record Stored(Path file, String sha256, long size) {
    }

    private final Path root;
    private final long maxSize;
    private final CodeLimits limits;

    CodeArchives(@Value("${conpaas.services.code-dir:code}") Path root,
                 @Value("${conpaas.web.max-upload-size:100MB}") DataSize maxSize, CodeLimits limits) {
        this.root = root.toAbsolutePath();
        this.maxSize = maxSize.toBytes();
        this.limits = limits;
    }

    Stored store(ServiceId service, int version, InputStream body) {
        try {
            Path temp = Files.createTempFile(Files.createDirectories(root), ".upload-", ".part");
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                long size;
                try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), sha)) {
                    size = copyAtMost(body, out);
                }
                if (size == 0) {
                    throw ApiException.invalid("the code archive is empty: send a zip or tar.gz as the request body");
                }
                inspect(temp);
                Path file = Files.createDirectories(root.resolve(service.value())).resolve(version + ".archive");
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return new Stored(file, HexFormat.of().formatHex(sha.digest()), size);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    Path file(ServiceId service, int version) {
        return root.resolve(service.value()).resolve(version + ".archive");
    }

    void discard(ServiceId service, int version) {
        try {
            Files.deleteIfExists(file(service, version));
        } catch (IOException ignored) {
            // a left-over file is overwritten by the next upload of that version
        }
    }

    /** Deletes every archive of the service and its directory. */
    void discardAll(ServiceId service) throws IOException {
        Path dir = root.resolve(service.value());
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
        }
        Files.deleteIfExists(dir);
    }

    private long copyAtMost(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) >= 0; ) {
            total += n;
            if (total > maxSize) {
                throw new ApiException(org.springframework.http.HttpStatus.PAYLOAD_TOO_LARGE, "Payload too large",
                        "the code archive is larger than " + maxSize + " bytes (conpaas.web.max-upload-size)");
            }
            out.write(buffer, 0, n);
        }
        return total;
    }

    private void inspect(Path archive) throws IOException {
        try {
            ArchiveInspector.inspect(archive, limits);
        } catch (ArchiveInspector.Refused refused) {
            throw refused.tooLarge
                    ? new ApiException(org.springframework.http.HttpStatus.PAYLOAD_TOO_LARGE, "Payload too large", refused.getMessage())
                    : ApiException.invalid(refused.getMessage());
        }
    }
}
