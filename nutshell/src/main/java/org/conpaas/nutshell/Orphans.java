package org.conpaas.nutshell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What a nutshell that was killed (kill -9, a crash) may have left running: its PostgreSQL and
 * its service processes. They are stopped before a new start takes their ports.
 */
final class Orphans {

    private Orphans() {
    }

    static void stopPostgresLeftIn(Path pgData) throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (Files.exists(pidFile)) {
            readPid(pidFile).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive).ifPresent(p -> {
                System.out.println("stopping the PostgreSQL a previous nutshell left running (pid " + p.pid() + ")");
                stop(p);
            });
        }
    }

    static void stopServicesRecordedIn(Path pidDir) throws IOException {
        if (!Files.isDirectory(pidDir)) {
            return;
        }
        try (var files = Files.list(pidDir)) {
            for (Path file : files.toList()) {
                readPid(file).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
                        .filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false))
                        .ifPresent(p -> {
                            System.out.println("stopping " + file.getFileName() + " left running (pid " + p.pid() + ")");
                            stop(p);
                        });
                Files.deleteIfExists(file);
            }
        }
    }

    static Optional<Long> readPid(Path file) {
        try {
            String first = Files.readAllLines(file).stream().findFirst().orElse("").strip();
            return Optional.of(Long.parseLong(first));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    static void stop(ProcessHandle process) {
        process.destroy();
        try {
            process.onExit().get(Duration.ofSeconds(20).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception notYet) {
            process.destroyForcibly();
        }
    }
}
