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
        Path jar;
        try (Stream<Path> files = Files.list(Path.of("nutshell/target"))) {
            jar = files.filter(f -> f.toString().endsWith("-exec.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("build first: ./mvnw -DskipTests package"));
        }
        Path data = Files.createTempDirectory("conpaas-bench-nutshell");
        int port = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

        long bareJvms = timeMillis(() -> {
            for (int i = 0; i < 6; i++) {
                new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-version").redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
            }
        });
        long start = System.nanoTime();
        Process nutshell = new ProcessBuilder(java, "-jar", jar.toString(), "up", "--data-dir", data.toString(),
                "--port", String.valueOf(port), "--service-ports", String.valueOf(32000 + (port % 1000) * 10),
                "--pg-port", String.valueOf(freePort()), "--amqp-port", String.valueOf(freePort()))
                .redirectErrorStream(true).redirectOutput(data.resolve("nutshell.out").toFile()).start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            while (true) {
                if (!nutshell.isAlive()) {
                    throw new IllegalStateException("the nutshell exited: " + Files.readString(data.resolve("nutshell.out")));
                }
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/api/platform/health")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        break;
                    }
                } catch (IOException notYet) {
                    // still starting
                }
                if (System.nanoTime() - start > TimeUnit.MINUTES.toNanos(6)) {
                    throw new IllegalStateException("not healthy after 6 minutes");
                }
                Thread.sleep(250);
            }
            long coldStart = (System.nanoTime() - start) / 1_000_000;
            long rssKb = rssKb(nutshell.toHandle());
            long memKb = memTotalKb();
            return "### nutshell: cold start and memory\n\n"
                    + "| measure | ConPaaS | limit on this machine | ratio |\n|---|---|---|---|\n"
                    + String.format("| cold start to all healthy (fresh data dir) | %.1f s | %.1f s for six bare `java -version` | %.1f |%n",
                    coldStart / 1000.0, bareJvms / 1000.0, (double) coldStart / bareJvms)
                    + String.format("| resident memory, whole stack (nutshell + PostgreSQL + 6 JVMs) | %d MiB | %d MiB installed | %.2f |%n",
                    rssKb / 1024, memKb / 1024, (double) rssKb / memKb);
        } finally {
            nutshell.destroy();
            nutshell.waitFor(90, TimeUnit.SECONDS);
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

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
