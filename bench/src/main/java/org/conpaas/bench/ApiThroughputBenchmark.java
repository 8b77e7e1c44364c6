package org.conpaas.bench;

import javax.net.ssl.SSLContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 9's first measure: {@code GET /api/apps} and {@code POST /api/apps} through the gateway
 * (HTTPS, token checked, routed) at concurrency 1, 16 and 64, beside the same calls made directly
 * to app-service on its loopback port (plain HTTP, the same token): throughput, p50 and p99, and
 * the gateway's overhead as the ratio of the two throughputs. A closed-loop Java load generator:
 * each of N workers sends its next request when the previous one answered.
 */
final class ApiThroughputBenchmark {

    private static final List<Integer> CONCURRENCY = List.of(1, 16, 64);
    private static final Duration WARM_UP = Duration.ofSeconds(3);
    private static final Duration MEASURE = Duration.ofSeconds(10);

    record Result(long requests, long errors, double perSecond, double p50Millis, double p99Millis) {
    }

    String run() throws Exception {
        StringBuilder table = new StringBuilder("### API: through the gateway vs directly to app-service\n\n"
                + "Closed loop, " + MEASURE.toSeconds() + " s per cell after " + WARM_UP.toSeconds() + " s warm-up; "
                + "gateway = HTTPS + token check + routing, direct = plain HTTP to app-service's loopback port "
                + "(the limit: what app-service alone answers).\n\n"
                + "| call | concurrency | gateway req/s | p50 | p99 | direct req/s | p50 | p99 | gateway/direct | errors |\n"
                + "|---|---|---|---|---|---|---|---|---|---|\n");
        try (RunningNutshell nutshell = new RunningNutshell("--set", "conpaas.identity.token.access-ttl=2h")) {
            nutshell.awaitHealthy();
            String admin = nutshell.adminToken();
            nutshell.json("POST", "/api/users", admin, "{\"username\":\"load\",\"password\":\"load-secret-1\"}");
            String token = nutshell.json("POST", "/api/auth/login", null,
                    "{\"username\":\"load\",\"password\":\"load-secret-1\"}").get("accessToken").asText();
            for (int i = 0; i < 5; i++) {
                nutshell.json("POST", "/api/apps", token, "{\"name\":\"seed-" + i + "\"}");
            }
            String gateway = "https://127.0.0.1:" + nutshell.port;
            String direct = "http://127.0.0.1:" + (nutshell.servicePorts + 2);
            HttpClient tls = client(nutshell.sslContext());
            HttpClient plain = client(null);
            AtomicLong names = new AtomicLong();
            for (String call : List.of("GET /api/apps", "POST /api/apps")) {
                for (int workers : CONCURRENCY) {
                    Result viaGateway = load(tls, gateway, call, token, workers, names);
                    Result straight = load(plain, direct, call, token, workers, names);
                    table.append(String.format("| %s | %d | %.0f | %.1f ms | %.1f ms | %.0f | %.1f ms | %.1f ms | %.2f | %d / %d |%n",
                            call, workers, viaGateway.perSecond(), viaGateway.p50Millis(), viaGateway.p99Millis(),
                            straight.perSecond(), straight.p50Millis(), straight.p99Millis(),
                            viaGateway.perSecond() / straight.perSecond(), viaGateway.errors(), straight.errors()));
                }
            }
        }
        return table.toString();
    }

    private static HttpClient client(SSLContext tls) {
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5));
        if (tls != null) {
            b.sslContext(tls);
        }
        return b.build();
    }

    private static Result load(HttpClient http, String base, String call, String token, int workers, AtomicLong names) throws Exception {
        String method = call.substring(0, call.indexOf(' '));
        String path = call.substring(call.indexOf(' ') + 1);
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            long warmUntil = System.nanoTime() + WARM_UP.toNanos();
            long until = warmUntil + MEASURE.toNanos();
            List<Future<long[]>> runs = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                runs.add(pool.submit(() -> {
                    long[] latencies = new long[1 << 16];
                    int n = 0;
                    long errors = 0;
                    while (true) {
                        long start = System.nanoTime();
                        if (start >= until) {
                            break;
                        }
                        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                                .header("Authorization", "Bearer " + token);
                        if (method.equals("POST")) {
                            b.header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"load-" + names.incrementAndGet() + "\"}"));
                        }
                        int status;
                        try {
                            status = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray()).statusCode();
                        } catch (java.io.IOException e) {
                            status = 0;
                        }
                        long end = System.nanoTime();
                        if (start < warmUntil) {
                            continue;
                        }
                        if (status / 100 != 2) {
                            errors++;
                        }
                        if (n == latencies.length) {
                            latencies = Arrays.copyOf(latencies, n * 2);
                        }
                        latencies[n++] = end - start;
                    }
                    long[] out = Arrays.copyOf(latencies, n + 1);
                    out[n] = errors;
                    return out;
                }));
            }
            List<Long> all = new ArrayList<>();
            long errors = 0;
            for (Future<long[]> run : runs) {
                long[] r = run.get();
                for (int i = 0; i < r.length - 1; i++) {
                    all.add(r[i]);
                }
                errors += r[r.length - 1];
            }
            long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
            if (sorted.length == 0) {
                return new Result(0, errors, 0, 0, 0);
            }
            return new Result(sorted.length, errors, sorted.length / (double) MEASURE.toSeconds(),
                    sorted[(int) (sorted.length * 0.50)] / 1e6, sorted[Math.min(sorted.length - 1, (int) (sorted.length * 0.99))] / 1e6);
        } finally {
            pool.shutdownNow();
        }
    }
}
