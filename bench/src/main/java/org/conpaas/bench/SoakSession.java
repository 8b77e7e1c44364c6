package org.conpaas.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.http.HttpResponse;

/**
 * One user's round of the soak's mixed traffic through the gateway, one request per step: log
 * in, read /api/me and the application list, create an application, rename it, add a service,
 * list its services, read it and its network, delete it; then start again.
 *
 * <p>vpn-service allocates an application's network when app.created reaches it, moments after
 * the create's answer, and says so in its 404. The round treats that 404 as the API documents it,
 * as the dashboard does: it asks again (every 100 ms here) and records how long the network took
 * to appear; a network still missing {@link #NETWORK_PATIENCE_MILLIS} after the create is an error.
 */
final class SoakSession {

    static final long NETWORK_PATIENCE_MILLIS = 10_000;
    private static final String NETWORK = "GET /api/apps/{id}/network";

    private final RunningNutshell nutshell;
    private final SoakResults results;
    private final String username;
    private final String password;
    private int step;
    private int round;
    private String token;
    private String app;
    private long createdAt;

    SoakSession(RunningNutshell nutshell, SoakResults results, String username, String password) {
        this.nutshell = nutshell;
        this.results = results;
        this.username = username;
        this.password = password;
    }

    /** Sends the round's next request and records it. */
    void next() throws InterruptedException {
        int current = step;
        step = (step + 1) % 10;
        if (current > 4 && app == null) {
            step = 0;
            current = 0;
        }
        switch (current) {
            case 0 -> {
                round++;
                JsonNode login = send("POST", "/api/auth/login", "POST /api/auth/login", 200, null,
                        "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
                token = login == null ? token : login.get("accessToken").asText();
            }
            case 1 -> send("GET", "/api/me", "GET /api/me", 200, token, null);
            case 2 -> send("GET", "/api/apps", "GET /api/apps", 200, token, null);
            case 3 -> {
                JsonNode created = send("POST", "/api/apps", "POST /api/apps", 201, token,
                        "{\"name\":\"" + username + "-" + round + "\"}");
                app = created == null ? null : created.get("id").asText();
                createdAt = System.nanoTime();
            }
            case 4 -> {
                if (app != null) {
                    send("PATCH", "/api/apps/" + app, "PATCH /api/apps/{id}", 200, token,
                            "{\"name\":\"" + username + "-" + round + "-renamed\"}");
                }
            }
            case 5 -> send("POST", "/api/apps/" + app + "/services", "POST /api/apps/{id}/services", 201, token, "{\"type\":\"generic\"}");
            case 6 -> send("GET", "/api/apps/" + app + "/services", "GET /api/apps/{id}/services", 200, token, null);
            case 7 -> send("GET", "/api/apps/" + app, "GET /api/apps/{id}", 200, token, null);
            case 8 -> network();
            default -> {
                send("DELETE", "/api/apps/" + app, "DELETE /api/apps/{id}", 204, token, null);
                app = null;
            }
        }
    }

    /** The application's network: asked again while vpn-service says it is still being allocated. */
    private void network() throws InterruptedException {
        String path = "/api/apps/" + app + "/network";
        results.networkAsked();
        Answer answer = exchange("GET", path, null);
        if (stillAllocating(answer)) {
            results.networkNotYet();
            while (stillAllocating(answer) && millisSince(createdAt) < NETWORK_PATIENCE_MILLIS) {
                results.timing(NETWORK, answer.millis());
                Thread.sleep(100);
                answer = exchange("GET", path, null);
            }
            if (answer.status() == 200) {
                results.networkVisible(millisSince(createdAt));
            }
        }
        results.record(NETWORK, 200, answer.status(), answer.body(), answer.millis());
    }

    private static boolean stillAllocating(Answer answer) {
        return answer.status() == 404 && answer.body() != null && answer.body().contains("allocated moments after");
    }

    private static double millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1e6;
    }

    private JsonNode send(String method, String path, String call, int expected, String bearer, String body) throws InterruptedException {
        Answer answer = exchange(method, path, body, bearer);
        results.record(call, expected, answer.status(), answer.body(), answer.millis());
        if (answer.status() != expected || answer.body() == null || answer.body().isBlank()) {
            return null;
        }
        try {
            return RunningNutshell.JSON.readTree(answer.body());
        } catch (java.io.IOException notJson) {
            return null;
        }
    }

    private Answer exchange(String method, String path, String body) throws InterruptedException {
        return exchange(method, path, body, token);
    }

    private Answer exchange(String method, String path, String body, String bearer) throws InterruptedException {
        long start = System.nanoTime();
        try {
            HttpResponse<String> r = nutshell.call(method, path, bearer, body);
            return new Answer(r.statusCode(), r.body(), millisSince(start));
        } catch (java.io.IOException e) {
            return new Answer(0, e.toString(), millisSince(start));
        }
    }

    /** One request's status (0: no answer), body and time. */
    private record Answer(int status, String body, double millis) {
    }
}
