package org.conpaas.agent;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The lines the service's logs gained since the last heartbeat that reached the director:
 * {@code service.log} (the code's output and the agent's notes) and the runtimes' logs in
 * {@code logs/} (nginx, the proxy's access log, PHP-FPM, Tomcat, memcached). At most
 * {@link #MAX_LINES} lines and {@link #MAX_BYTES} bytes go with one heartbeat; a log that grew
 * faster is skipped ahead, saying how much was left out. Lines already in a log when the agent
 * started are not sent again (the log tail shows them). A file that shrank was rotated: it is read
 * from its start.
 */
final class LogShipper {

    static final int MAX_LINES = 200;
    static final int MAX_BYTES = 32 * 1024;
    static final int MAX_LINE = 2000;

    /** A log line and the log it came from ({@code service}, {@code nginx}, {@code proxy-access}, …). */
    record Line(String source, String text) {
    }

    /** The lines of one heartbeat; {@link #commit()} once the director took them. */
    final class Batch {
        private final List<Line> lines;
        private final Map<Path, Long> offsets;

        private Batch(List<Line> lines, Map<Path, Long> offsets) {
            this.lines = lines;
            this.offsets = offsets;
        }

        List<Line> lines() {
            return lines;
        }

        void commit() {
            synchronized (LogShipper.this) {
                sent.putAll(offsets);
            }
        }
    }

    private final Path serviceLog;
    private final Path runtimeLogs;
    private final Map<Path, Long> sent = new HashMap<>();

    LogShipper(Path workDir) {
        this.serviceLog = workDir.resolve("service.log");
        this.runtimeLogs = workDir.resolve("logs");
        for (Path file : files()) {
            sent.put(file, size(file));
        }
    }

    synchronized Batch next() {
        List<Line> lines = new ArrayList<>();
        Map<Path, Long> offsets = new HashMap<>();
        int bytes = 0;
        for (Path file : files()) {
            long size = size(file);
            long from = sent.getOrDefault(file, 0L);
            if (size < from) {
                from = 0;
            }
            if (size == from) {
                continue;
            }
            String source = source(file);
            int room = MAX_BYTES - bytes;
            if (room <= 0 || lines.size() >= MAX_LINES) {
                break;
            }
            boolean skipped = false;
            if (size - from > room) {
                lines.add(new Line(source, "… " + (size - from - room) + " bytes of this log left out (it grew faster than heartbeats carry)"));
                from = size - room;
                skipped = true;
            }
            byte[] raw = read(file, from, (int) (size - from));
            int end = lastNewline(raw);
            if (end < 0) {
                continue;
            }
            String whole = new String(raw, 0, end, StandardCharsets.UTF_8);
            if (skipped) {
                // the cut fell inside a line: start at the next whole one
                int next = whole.indexOf('\n');
                whole = next < 0 ? "" : whole.substring(next + 1);
            }
            for (String line : whole.split("\n")) {
                if (lines.size() >= MAX_LINES) {
                    break;
                }
                if (!line.isEmpty()) {
                    lines.add(new Line(source, line.length() > MAX_LINE ? line.substring(0, MAX_LINE) + "…" : line));
                }
            }
            bytes += end + 1;
            offsets.put(file, from + end + 1);
        }
        return new Batch(lines, offsets);
    }

    private List<Path> files() {
        List<Path> files = new ArrayList<>();
        if (Files.isRegularFile(serviceLog)) {
            files.add(serviceLog);
        }
        if (Files.isDirectory(runtimeLogs)) {
            try (Stream<Path> logs = Files.list(runtimeLogs)) {
                logs.filter(f -> f.getFileName().toString().endsWith(".log")).sorted().forEach(files::add);
            } catch (IOException e) {
                // next time
            }
        }
        return files;
    }

    private static String source(Path file) {
        String name = file.getFileName().toString();
        return name.equals("service.log") ? "service" : name.substring(0, name.length() - ".log".length());
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static byte[] read(Path file, long from, int length) {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            byte[] bytes = new byte[Math.min(length, (int) Math.max(0, in.length() - from))];
            in.seek(from);
            in.readFully(bytes);
            return bytes;
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static int lastNewline(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
