package org.conpaas.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a JVM still holds after a full collection — the measure that tells a leak from a heap
 * collected lazily, which resident memory cannot. For each process, when sampled: {@code jcmd
 * GC.class_histogram} (which runs a full GC first) gives the live objects, class by class;
 * {@code jcmd GC.heap_info} gives the heap in use right after it and the metaspace. The classes
 * that grew most between the first and the last histogram name what a leak would be made of.
 */
final class LiveHeap {

    private static final Pattern HEAP_USED = Pattern.compile("(?:heap|generation)\\s+total \\d+K, used (\\d+)K");
    private static final Pattern METASPACE_USED = Pattern.compile("Metaspace\\s+used (\\d+)K");
    private static final Pattern HISTOGRAM_ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");
    private static final int GROWTH_ROWS = 8;

    private final String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    private final Map<String, List<long[]>> heapAndMetaspaceKb = new TreeMap<>();
    private final Map<String, Map<String, long[]>> firstHistogram = new TreeMap<>();
    private final Map<String, Map<String, long[]>> lastHistogram = new TreeMap<>();

    /** Collects each process fully and records what is left. */
    void sample(Map<String, Long> pids) {
        pids.forEach((name, pid) -> {
            Map<String, long[]> histogram = histogram(pid);
            if (histogram.isEmpty()) {
                return;
            }
            String info = jcmd(pid, "GC.heap_info");
            long heap = sum(HEAP_USED.matcher(info));
            long metaspace = sum(METASPACE_USED.matcher(info));
            heapAndMetaspaceKb.computeIfAbsent(name, k -> new ArrayList<>()).add(new long[] {heap, metaspace});
            firstHistogram.putIfAbsent(name, histogram);
            lastHistogram.put(name, histogram);
        });
    }

    /** Live heap and metaspace per process: first, last, every sample in order (MiB). */
    String table() {
        StringBuilder out = new StringBuilder("| process | live heap first | live heap last | last − first | metaspace first → last | every live-heap sample, MiB |\n|---|---|---|---|---|---|\n");
        heapAndMetaspaceKb.forEach((name, samples) -> {
            long[] first = samples.get(0);
            long[] last = samples.get(samples.size() - 1);
            String series = samples.stream().map(s -> String.format("%.1f", s[0] / 1024.0)).collect(java.util.stream.Collectors.joining(" "));
            out.append(String.format("| %s | %.1f MiB | %.1f MiB | %+.1f MiB | %.1f → %.1f MiB | %s |%n", name, first[0] / 1024.0,
                    last[0] / 1024.0, (last[0] - first[0]) / 1024.0, first[1] / 1024.0, last[1] / 1024.0, series));
        });
        return out.toString();
    }

    /** Per process, the classes whose live bytes grew most from the first sample to the last. */
    String growth() {
        StringBuilder out = new StringBuilder("| process | class | instances first → last | live bytes first → last |\n|---|---|---|---|\n");
        lastHistogram.forEach((name, last) -> {
            Map<String, long[]> first = firstHistogram.get(name);
            last.entrySet().stream()
                    .map(e -> Map.entry(e.getKey(), new long[] {first.getOrDefault(e.getKey(), new long[2])[0], e.getValue()[0],
                            first.getOrDefault(e.getKey(), new long[2])[1], e.getValue()[1]}))
                    .filter(e -> e.getValue()[3] > e.getValue()[2])
                    .sorted(Comparator.comparingLong(e -> e.getValue()[2] - e.getValue()[3]))
                    .limit(GROWTH_ROWS)
                    .forEach(e -> out.append(String.format("| %s | `%s` | %,d → %,d | %,d → %,d |%n", name, e.getKey(),
                            e.getValue()[0], e.getValue()[1], e.getValue()[2], e.getValue()[3])));
        });
        return out.toString();
    }

    /** Class name → {instances, bytes} of the live objects, after the full GC the histogram forces. */
    private Map<String, long[]> histogram(long pid) {
        Map<String, long[]> rows = new HashMap<>();
        for (String line : jcmd(pid, "GC.class_histogram").split("\n")) {
            Matcher row = HISTOGRAM_ROW.matcher(line);
            if (row.find()) {
                rows.put(row.group(3), new long[] {Long.parseLong(row.group(1)), Long.parseLong(row.group(2))});
            }
        }
        return rows;
    }

    private String jcmd(long pid, String command) {
        try {
            Process p = new ProcessBuilder(jcmd, String.valueOf(pid), command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                System.err.println("jcmd " + pid + " " + command + " failed: " + out.strip());
                return "";
            }
            return out;
        } catch (IOException e) {
            System.err.println("jcmd " + pid + " " + command + ": " + e);
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static long sum(Matcher matcher) {
        long kb = 0;
        while (matcher.find()) {
            kb += Long.parseLong(matcher.group(1));
        }
        return kb;
    }
}
