package org.conpaas.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Resident memory (VmRSS from /proc/&lt;pid&gt;/status) of every service JVM of a nutshell, found by
 * the pid files it writes in {@code <data>/pids}, plus the launcher's own JVM (embedded broker),
 * sampled when asked; a service whose pid changed between samples was restarted.
 */
final class ServiceMemory {

    static final String LAUNCHER = "nutshell launcher (embedded broker)";

    private final Path pids;
    private final long launcherPid;
    private final Map<String, List<Long>> samplesKb = new TreeMap<>();
    private final Map<String, Long> lastPid = new TreeMap<>();
    private final List<String> restarts = new ArrayList<>();

    ServiceMemory(Path dataDir, long launcherPid) {
        this.pids = dataDir.resolve("pids");
        this.launcherPid = launcherPid;
    }

    void sample() throws IOException {
        processes().forEach(this::record);
    }

    /** Process name → pid, as the nutshell's pid files say now. */
    Map<String, Long> processes() throws IOException {
        Map<String, Long> processes = new TreeMap<>();
        processes.put(LAUNCHER, launcherPid);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(pids, "*.pid")) {
            for (Path file : files) {
                processes.put(file.getFileName().toString().replace(".pid", ""), Long.parseLong(Files.readString(file).strip()));
            }
        }
        return processes;
    }

    private void record(String name, long pid) {
        Long before = lastPid.put(name, pid);
        if (before != null && before != pid) {
            restarts.add(name + " (pid " + before + " → " + pid + ")");
        }
        long kb = rssKb(pid);
        if (kb > 0) {
            samplesKb.computeIfAbsent(name, k -> new ArrayList<>()).add(kb);
        }
    }

    /** One table row per process: first, last and largest sample, and every sample in order, in MiB. */
    String table() {
        StringBuilder out = new StringBuilder("| process | RSS first | RSS last | RSS max | last − first | every sample, MiB |\n|---|---|---|---|---|---|\n");
        samplesKb.forEach((name, kb) -> {
            long first = kb.get(0);
            long last = kb.get(kb.size() - 1);
            long max = kb.stream().mapToLong(Long::longValue).max().orElse(0);
            String series = kb.stream().map(k -> String.valueOf(k / 1024)).collect(java.util.stream.Collectors.joining(" "));
            out.append(String.format("| %s | %d MiB | %d MiB | %d MiB | %+d MiB | %s |%n", name, first / 1024, last / 1024,
                    max / 1024, (last - first) / 1024, series));
        });
        return out.toString();
    }

    List<String> restarts() {
        return restarts;
    }

    private static long rssKb(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream()
                    .filter(l -> l.startsWith("VmRSS:")).mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).sum();
        } catch (IOException gone) {
            return 0;
        }
    }
}
