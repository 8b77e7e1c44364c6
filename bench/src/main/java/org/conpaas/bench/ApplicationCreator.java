package org.conpaas.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates applications with {@code POST /api/apps} straight at app-service's loopback port (the
 * gateway is measured elsewhere), each commit making one app.created; closed loop, N clients.
 */
final class ApplicationCreator {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;
    private final String token;
    private final AtomicInteger names = new AtomicInteger();

    ApplicationCreator(int appServicePort, String token) {
        this.url = "http://127.0.0.1:" + appServicePort + "/api/apps";
        this.token = token;
    }

    /** Creates {@code count} applications with {@code clients} concurrent clients; returns their ids. */
    List<String> create(int count, int clients) throws Exception {
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger left = new AtomicInteger(count);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                workers.add(pool.submit(() -> {
                    while (left.getAndDecrement() > 0) {
                        ids.add(createOne());
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                w.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return ids;
    }

    private String createOne() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"ev-" + names.incrementAndGet() + "\"}")).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("POST /api/apps -> " + response.statusCode() + " " + response.body());
        }
        return RunningNutshell.JSON.readTree(response.body()).get("id").asText();
    }
}
