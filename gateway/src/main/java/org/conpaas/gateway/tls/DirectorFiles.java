package org.conpaas.gateway.tls;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits at start for the files cert-service writes into the director directory: the gateway
 * starts together with cert-service, which issues the director certificate only once it is up.
 */
final class DirectorFiles {

    private static final Duration POLL = Duration.ofMillis(200);

    private DirectorFiles() {
    }

    /** Returns once all three files are there and not empty; throws {@link DirectorCertificateMissingException} after {@code wait}. */
    static void await(TlsProperties tls) {
        Instant deadline = Instant.now().plus(tls.startupWait());
        List<Path> files = List.of(tls.certificate(), tls.key(), tls.ca());
        while (true) {
            List<Path> missing = files.stream().filter(f -> !present(f)).toList();
            if (missing.isEmpty()) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new DirectorCertificateMissingException(tls, missing);
            }
            LockSupport.parkNanos(POLL.toNanos());
            if (Thread.interrupted()) {
                throw new DirectorCertificateMissingException(tls, missing);
            }
        }
    }

    private static boolean present(Path file) {
        try {
            return Files.isRegularFile(file) && Files.size(file) > 0;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
