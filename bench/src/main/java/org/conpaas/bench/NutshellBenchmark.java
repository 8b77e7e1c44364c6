package org.conpaas.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The nutshell from a cold start (fresh data directory: initdb, broker, six JVMs, Flyway) to all
 * healthy, and the resident memory of the whole process tree; beside six bare JVM starts on the
 * same cores and the machine's memory.
 */
final class NutshellBenchmark {

    String run() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

        long bareJvms = timeMillis(() -> {
            for (int i = 0; i < 6; i++) {
                new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-version").redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
            }
        });
        try (RunningNutshell nutshell = new RunningNutshell()) {
            long start = nutshell.startedNanos;
            nutshell.awaitHealthy();
            long coldStart = (System.nanoTime() - start) / 1_000_000;
            long rssKb = rssKb(nutshell.process.toHandle());
            long memKb = memTotalKb();
            return "### nutshell: cold start and memory\n\n"
                    + "| measure | ConPaaS | limit on this machine | ratio |\n|---|---|---|---|\n"
                    + String.format("| cold start to all healthy (fresh data dir) | %.1f s | %.1f s for six bare `java -version` | %.1f |%n",
                    coldStart / 1000.0, bareJvms / 1000.0, (double) coldStart / bareJvms)
                    + String.format("| resident memory, whole stack (nutshell + PostgreSQL + 6 JVMs) | %d MiB | %d MiB installed | %.2f |%n",
                    rssKb / 1024, memKb / 1024, (double) rssKb / memKb);
        }
    }

    private static long rssKb(ProcessHandle root) {
        return Stream.concat(Stream.of(root), root.descendants()).mapToLong(p -> {
            try {
                return Files.readAllLines(Path.of("/proc", String.valueOf(p.pid()), "status")).stream()
                        .filter(l -> l.startsWith("VmRSS:")).mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).sum();
            } catch (IOException gone) {
                return 0;
            }
        }).sum();
    }

    private static long memTotalKb() throws IOException {
        return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(1);
    }

    private interface Work {
        void run() throws Exception;
    }

    private static long timeMillis(Work work) throws Exception {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1_000_000;
    }
}
