package org.conpaas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * The ConPaaS REST API as cps uses it: JSON in and out, the saved token sent along and renewed
 * with the refresh token when it has expired, and every refusal turned into its problem detail.
 */
public final class Director {

    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http;

    private final CpsConfig config;

    public Director(CpsConfig config) {
        this.config = config;
        this.http = Connections.client(config);
    }

    public String url() {
        return config.get("url").orElseThrow(() -> new CliFailure("not logged in: run cps login --url URL --user NAME"));
    }

    public JsonNode get(String path) {
        return call("GET", path, null);
    }

    /** GET of something that may not exist (yet): empty on 404, a failure on any other refusal. */
    public java.util.Optional<JsonNode> getIfFound(String path) {
        HttpResponse<String> r = authorized("GET", path, null);
        return r.statusCode() == 404 ? java.util.Optional.empty() : java.util.Optional.of(answer(r));
    }

    public JsonNode post(String path, Object body) {
        return call("POST", path, body);
    }

    public JsonNode patch(String path, Object body) {
        return call("PATCH", path, body);
    }

    public JsonNode delete(String path) {
        return call("DELETE", path, null);
    }

    /** A call without the saved session (login). */
    public JsonNode anonymous(String method, String path, Object body) {
        HttpResponse<String> r = send(method, path, body, null);
        return answer(r);
    }

    /** PUT of a file as the raw body (a code archive), streamed. */
    public JsonNode upload(String path, java.nio.file.Path file) {
        return call("PUT", path, file);
    }

    /** PUT of an archive held in memory (a directory cps zipped). */
    public JsonNode uploadBytes(String path, byte[] archive) {
        return call("PUT", path, archive);
    }

    /** PUT of a document as it is (a manifest), with its content type. */
    public JsonNode putDocument(String path, String text, String contentType) {
        return call("PUT", path, new Document(text, contentType));
    }

    /** A request body sent as it is. */
    record Document(String text, String contentType) {
    }

    /** The caller's application named {@code app} (its name or id); a failure naming cps app list when there is none. */
    public JsonNode application(String app) {
        for (JsonNode a : get("/api/apps")) {
            if (a.path("id").asText().equals(app) || a.path("name").asText().equals(app)) {
                return a;
            }
        }
        throw new CliFailure("you have no application " + app + " (cps app list shows yours)");
    }

    /** The id of the user named {@code name} (a username or id) among those an administrator sees. */
    public String userId(String name) {
        for (JsonNode user : get("/api/users")) {
            if (user.path("username").asText().equals(name) || user.path("id").asText().equals(name)) {
                return user.path("id").asText();
            }
        }
        throw new CliFailure("no user " + name);
    }

    /** The raw response, for checks that look at headers and status. */
    public HttpResponse<String> raw(String method, String path) {
        return send(method, path, null, config.get("token").orElse(null));
    }

    private JsonNode call(String method, String path, Object body) {
        return answer(authorized(method, path, body));
    }

    /** The response to a call with the saved session, refreshed once if it has expired. */
    private HttpResponse<String> authorized(String method, String path, Object body) {
        String token = config.get("token").orElseThrow(() -> new CliFailure("not logged in: run cps login --url URL --user NAME"));
        HttpResponse<String> r = send(method, path, body, token);
        if (r.statusCode() == 401 && config.get("refresh-token").isPresent()) {
            refresh();
            r = send(method, path, body, config.get("token").orElseThrow());
        }
        return r;
    }

    private void refresh() {
        ObjectNode body = JSON.createObjectNode().put("refreshToken", config.get("refresh-token").orElseThrow());
        HttpResponse<String> r = send("POST", "/api/auth/refresh", body, null);
        if (r.statusCode() != 200) {
            config.clearSession();
            config.save();
            throw new CliFailure("your session has ended: run cps login again");
        }
        JsonNode tokens = parse(r.body());
        config.put("token", tokens.path("accessToken").asText());
        config.put("refresh-token", tokens.path("refreshToken").asText());
        config.save();
    }

    /** GET of a server-sent event stream: each event's data goes to {@code events} until the stream ends. */
    public void follow(String path, java.util.function.Consumer<JsonNode> events) {
        String token = config.get("token").orElseThrow(() -> new CliFailure("not logged in: run cps login --url URL --user NAME"));
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url() + path)).header("Accept", "text/event-stream")
                    .header("Authorization", "Bearer " + token).GET().build();
            HttpResponse<java.util.stream.Stream<String>> r = http.send(request, HttpResponse.BodyHandlers.ofLines());
            if (r.statusCode() >= 400) {
                String body = r.body().collect(java.util.stream.Collectors.joining("\n"));
                JsonNode problem = parseQuietly(body);
                throw new CliFailure(problem != null && problem.hasNonNull("detail") ? problem.get("detail").asText()
                        : "the director answered " + r.statusCode() + (r.statusCode() == 401 ? ": run cps login again" : ""));
            }
            r.body().forEach(line -> {
                if (line.startsWith("data:")) {
                    JsonNode data = parseQuietly(line.substring(5).strip());
                    if (data != null) {
                        events.accept(data);
                    }
                }
            });
        } catch (ConnectException e) {
            throw new CliFailure("cannot reach the director at " + url() + ": is ConPaaS running? (./conpaas status)");
        } catch (IOException e) {
            throw new CliFailure("the log stream from " + url() + " ended: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure("interrupted");
        }
    }

    public JsonNode put(String path, Object body) {
        return call("PUT", path, body);
    }

    /** GET of a file (a code archive) into {@code target}; its problem detail as a failure when refused. */
    public void download(String path, java.nio.file.Path target) {
        String token = config.get("token").orElseThrow(() -> new CliFailure("not logged in: run cps login --url URL --user NAME"));
        HttpResponse<java.nio.file.Path> r = send("GET", path, null, token, HttpResponse.BodyHandlers.ofFile(target));
        if (r.statusCode() == 401 && config.get("refresh-token").isPresent()) {
            refresh();
            r = send("GET", path, null, config.get("token").orElseThrow(), HttpResponse.BodyHandlers.ofFile(target));
        }
        if (r.statusCode() >= 400) {
            String body;
            try {
                body = java.nio.file.Files.size(target) < 65536 ? java.nio.file.Files.readString(target) : "";
                java.nio.file.Files.deleteIfExists(target);
            } catch (IOException e) {
                body = "";
            }
            JsonNode problem = parseQuietly(body);
            throw new CliFailure(problem != null && problem.hasNonNull("detail") ? problem.get("detail").asText()
                    : "the director answered " + r.statusCode());
        }
    }

    private HttpResponse<String> send(String method, String path, Object body, String token) {
        return send(method, path, body, token, HttpResponse.BodyHandlers.ofString());
    }

    private <T> HttpResponse<T> send(String method, String path, Object body, String token, HttpResponse.BodyHandler<T> handler) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(60))
                    .header("Accept", "application/json, application/problem+json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : body instanceof java.nio.file.Path file ? HttpRequest.BodyPublishers.ofFile(file)
                            : body instanceof byte[] bytes ? HttpRequest.BodyPublishers.ofByteArray(bytes)
                            : body instanceof Document document ? HttpRequest.BodyPublishers.ofString(document.text())
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (body != null) {
                b.header("Content-Type", body instanceof java.nio.file.Path || body instanceof byte[] ? "application/octet-stream"
                        : body instanceof Document document ? document.contentType() : "application/json");
            }
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            return http.send(b.build(), handler);
        } catch (ConnectException e) {
            throw new CliFailure("cannot reach the director at " + url() + ": is ConPaaS running? (./conpaas status)");
        } catch (HttpTimeoutException e) {
            throw new CliFailure("the director at " + url() + " did not answer in time");
        } catch (javax.net.ssl.SSLHandshakeException e) {
            throw new CliFailure("the director at " + url() + " has an HTTPS certificate cps does not trust (" + e.getMessage()
                    + "): run cps login --cacert FILE with the ConPaaS CA certificate");
        } catch (IOException e) {
            throw new CliFailure("talking to " + url() + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure("interrupted");
        } catch (IllegalArgumentException e) {
            throw new CliFailure("the director URL '" + url() + "' is not a URL: run cps login --url http://host:8080");
        }
    }

    private static JsonNode answer(HttpResponse<String> r) {
        if (r.statusCode() >= 400) {
            JsonNode problem = parseQuietly(r.body());
            String detail = problem != null && problem.hasNonNull("detail") ? problem.get("detail").asText()
                    : "the director answered " + r.statusCode();
            if (problem != null && problem.path("errors").isArray() && problem.path("errors").size() > 1) {
                StringBuilder all = new StringBuilder(detail).append(':');
                problem.path("errors").forEach(e -> all.append(System.lineSeparator()).append("  ").append(e.asText()));
                detail = all.toString();
            }
            throw new CliFailure(detail);
        }
        return r.body() == null || r.body().isBlank() ? JSON.createObjectNode() : parse(r.body());
    }

    private static JsonNode parse(String body) {
        JsonNode node = parseQuietly(body);
        if (node == null) {
            throw new CliFailure("the director sent something that is not JSON");
        }
        return node;
    }

    private static JsonNode parseQuietly(String body) {
        try {
            return body == null ? null : JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
