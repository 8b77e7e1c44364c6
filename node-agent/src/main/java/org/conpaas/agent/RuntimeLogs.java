package org.conpaas.agent;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

/**
 * The runtimes' logs in {@code <work-dir>/logs/}: nginx.log, php-fpm.log, catalina.log, memcached.log
 * (their stdout and stderr, opened by the agent and handed to them, so a runtime running as the
 * service user writes to a file it cannot otherwise reach) and proxy-access.log. None may grow past
 * {@link #MAX_BYTES}: the agent copies a full one to {@code <name>.1} and empties it.
 */
final class RuntimeLogs {

    static final long MAX_BYTES = 8L << 20;

    private final Path directory;

    RuntimeLogs(Path workDir) {
        this.directory = workDir.resolve("logs");
    }

    /** The log file {@code name} (e.g. nginx.log), its directory made if needed. */
    Path file(String name) throws IOException {
        Files.createDirectories(directory);
        return directory.resolve(name);
    }

    /** Keeps every log under the bound; called at every heartbeat. */
    void bound() {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".log")).toList()) {
                if (Files.size(file) > MAX_BYTES) {
                    Files.copy(file, file.resolveSibling(file.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
                    // the runtime appends (O_APPEND): after the truncation it writes at the new end
                    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                        channel.truncate(0);
                    }
                }
            }
        } catch (IOException e) {
            // the next heartbeat tries again
        }
    }

    /** Appends {@code line} to {@code name} (the proxy's access log, which the agent itself writes). */
    void append(String name, String line) {
        try {
            Files.writeString(file(name), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // an access line less
        }
    }

    /** Whether {@code name} has gained {@code text} since it was {@code from} bytes long. */
    boolean grewWith(String name, long from, String text) {
        try {
            Path file = directory.resolve(name);
            long size = Files.size(file);
            if (size <= from) {
                return false;
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate((int) Math.min(size - from, 1 << 20));
                channel.read(buffer, from);
                return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).contains(text);
            }
        } catch (IOException e) {
            return false;
        }
    }

    long size(String name) {
        try {
            return Files.size(directory.resolve(name));
        } catch (IOException e) {
            return 0;
        }
    }
}
