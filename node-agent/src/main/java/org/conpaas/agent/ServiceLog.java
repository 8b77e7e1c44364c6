package org.conpaas.agent;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * {@code service.log} in the work directory: what the service printed (and, for web services,
 * the requests served). Heartbeats carry its last {@link #TAIL_BYTES} bytes.
 */
final class ServiceLog {

    static final int TAIL_BYTES = 4096;
    /** Past this size the log is moved to service.log.1 when a code version starts. */
    static final long ROTATE_BYTES = 16L << 20;

    private final Path file;

    ServiceLog(Path workDir) {
        this.file = workDir.resolve("service.log");
    }

    Path file() {
        return file;
    }

    synchronized void append(String line) {
        try {
            Files.writeString(file, Instant.now().truncatedTo(ChronoUnit.MILLIS) + " " + line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // the service's own output matters more than the agent's notes in it
        }
    }

    synchronized void rotateIfLarge() {
        try {
            if (Files.exists(file) && Files.size(file) > ROTATE_BYTES) {
                Files.move(file, file.resolveSibling("service.log.1"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // keep appending to the large one
        }
    }

    /** The last {@link #TAIL_BYTES} bytes, from the first whole line; empty when there is no log yet. */
    String tail() {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            long start = Math.max(0, length - TAIL_BYTES);
            byte[] bytes = new byte[(int) (length - start)];
            in.seek(start);
            in.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            int newline = text.indexOf('\n');
            return start > 0 && newline >= 0 && newline < text.length() - 1 ? text.substring(newline + 1) : text;
        } catch (IOException e) {
            return "";
        }
    }
}
