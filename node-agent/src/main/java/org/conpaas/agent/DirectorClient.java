package org.conpaas.agent;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The director's node API over mutual TLS: this node's certificate is the credential, only the
 * ConPaaS CA is trusted and the host name is checked (the JDK client's default).
 */
final class DirectorClient {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(15);

    private final HttpClient client;
    private final URI directorUrl;
    private final NodeIdentity identity;

    DirectorClient(AgentSettings settings, NodeCredentials credentials) {
        this.client = HttpClient.newBuilder().sslContext(credentials.mutualTls()).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        this.directorUrl = settings.directorUrl();
        this.identity = settings.identity();
    }

    /** IOException for network errors and for answers other than 2xx with a readable body. */
    HeartbeatAnswer heartbeat(Heartbeat heartbeat) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(directorUrl + "/api/nodes/" + identity.nodeId() + "/heartbeat"))
                .header("Content-Type", "application/json").header("Accept", "application/json").timeout(REQUEST_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(heartbeat.toJson())).build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("heartbeat answered " + response.statusCode() + " " + Enrollment.problemDetail(response.body()));
        }
        try {
            return HeartbeatAnswer.parse(response.body());
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new IOException("heartbeat answer is not understood: " + e.getMessage());
        }
    }

    /** Downloads the service's current code archive into {@code target}; the answer's {@code X-Code-Checksum}, if any. */
    String downloadCode(Path target) throws IOException, InterruptedException {
        return downloadCode(target, "");
    }

    /** Downloads code version {@code version} ({@code ?version=N}) into {@code target}; the answer's {@code X-Code-Checksum}. */
    String downloadCode(Path target, long version) throws IOException, InterruptedException {
        return downloadCode(target, "?version=" + version);
    }

    private String downloadCode(Path target, String query) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(directorUrl + "/api/apps/" + identity.applicationId()
                        + "/services/" + identity.serviceId() + "/code" + query))
                .timeout(DOWNLOAD_TIMEOUT).GET().build();
        HttpResponse<Path> response = client.send(request, HttpResponse.BodyHandlers.ofFile(target));
        if (response.statusCode() != 200) {
            String body = Files.size(target) < 4096 ? new String(Files.readAllBytes(target), StandardCharsets.UTF_8) : "";
            Files.deleteIfExists(target);
            throw new IOException("code download answered " + response.statusCode() + " " + Enrollment.problemDetail(body));
        }
        return response.headers().firstValue("X-Code-Checksum").orElse(null);
    }

    /** Uploads archive {@code id} (gzipped SQL) this node made of its service's database. */
    void uploadArchive(String id, Path file) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(nodeUri("/database-archives/" + id)).header("Content-Type", "application/gzip")
                .timeout(DOWNLOAD_TIMEOUT).PUT(HttpRequest.BodyPublishers.ofFile(file)).build();
        expect2xx(client.send(request, HttpResponse.BodyHandlers.ofString()), "archive upload");
    }

    /** Archive {@code id} could not be made, and why. */
    void archiveFailed(String id, String reason) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(nodeUri("/database-archives/" + id + "/failure")).header("Content-Type", "application/json")
                .timeout(REQUEST_TIMEOUT).POST(HttpRequest.BodyPublishers.ofString("{\"reason\":" + Json.quote(reason) + "}")).build();
        expect2xx(client.send(request, HttpResponse.BodyHandlers.ofString()), "archive failure report");
    }

    /** Downloads load {@code id} (SQL, maybe gzipped) into {@code target}. */
    void downloadImport(String id, Path target) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(nodeUri("/database-imports/" + id)).timeout(DOWNLOAD_TIMEOUT).GET().build();
        HttpResponse<Path> response = client.send(request, HttpResponse.BodyHandlers.ofFile(target));
        if (response.statusCode() != 200) {
            String body = Files.size(target) < 4096 ? new String(Files.readAllBytes(target), StandardCharsets.UTF_8) : "";
            Files.deleteIfExists(target);
            throw new IOException("load download answered " + response.statusCode() + " " + Enrollment.problemDetail(body));
        }
    }

    /** How load {@code id} went. */
    void importResult(String id, boolean ok, String detail) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(nodeUri("/database-imports/" + id + "/result")).header("Content-Type", "application/json")
                .timeout(REQUEST_TIMEOUT).POST(HttpRequest.BodyPublishers.ofString("{\"ok\":" + ok + ",\"detail\":"
                        + (detail == null ? "null" : Json.quote(detail)) + "}")).build();
        expect2xx(client.send(request, HttpResponse.BodyHandlers.ofString()), "load result");
    }

    private URI nodeUri(String path) {
        return URI.create(directorUrl + "/api/nodes/" + identity.nodeId() + path);
    }

    private static void expect2xx(HttpResponse<String> response, String what) throws IOException {
        if (response.statusCode() / 100 != 2) {
            throw new IOException(what + " answered " + response.statusCode() + " " + Enrollment.problemDetail(response.body()));
        }
    }

    /** Tells vpn-service this node's WireGuard public key (and endpoint, if it has one). */
    void registerWireGuardKey(String publicKey, String endpoint) throws IOException, InterruptedException {
        String body = "{\"publicKey\":" + Json.quote(publicKey) + ",\"endpoint\":" + (endpoint == null ? "null" : Json.quote(endpoint)) + "}";
        HttpRequest request = HttpRequest.newBuilder(wireGuard()).header("Content-Type", "application/json")
                .timeout(REQUEST_TIMEOUT).PUT(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("WireGuard key registration answered " + response.statusCode() + " " + Enrollment.problemDetail(response.body()));
        }
    }

    /** This node's wg-quick configuration as vpn-service renders it (without the private key). */
    String wireGuardConfig() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(wireGuard()).header("Accept", "text/plain").timeout(REQUEST_TIMEOUT).GET().build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("WireGuard configuration answered " + response.statusCode() + " " + Enrollment.problemDetail(response.body()));
        }
        return response.body();
    }

    private URI wireGuard() {
        return URI.create(directorUrl + "/api/apps/" + identity.applicationId() + "/services/" + identity.serviceId()
                + "/nodes/" + identity.nodeId() + "/wireguard");
    }
}
