package org.conpaas.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.http.HttpResponse;

/**
 * One user's round of the soak's mixed traffic through the gateway, one request per step: log
 * in, read /api/me and the application list, create an application, rename it, add a service,
 * list its services, read it and its network, delete it; then start again.
 */
final class SoakSession {

    private final RunningNutshell nutshell;
    private final SoakResults results;
    private final String username;
    private final String password;
    private int step;
    private int round;
    private String token;
    private String app;

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
            case 8 -> send("GET", "/api/apps/" + app + "/network", "GET /api/apps/{id}/network", 200, token, null);
            default -> {
                send("DELETE", "/api/apps/" + app, "DELETE /api/apps/{id}", 204, token, null);
                app = null;
            }
        }
    }

    private JsonNode send(String method, String path, String call, int expected, String bearer, String body) throws InterruptedException {
        long start = System.nanoTime();
        int status = 0;
        String answer = null;
        try {
            HttpResponse<String> r = nutshell.call(method, path, bearer, body);
            status = r.statusCode();
            answer = r.body();
        } catch (java.io.IOException e) {
            answer = e.toString();
        }
        results.record(call, expected, status, answer, (System.nanoTime() - start) / 1e6);
        if (status != expected || answer == null || answer.isBlank()) {
            return null;
        }
        try {
            return RunningNutshell.JSON.readTree(answer);
        } catch (java.io.IOException notJson) {
            return null;
        }
    }
}
