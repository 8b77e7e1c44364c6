package org.conpaas.gateway;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway on a real port in front of real (small) HTTP services; plain HTTP (GatewayTlsIT: HTTPS). */
// no live events here (DashboardEventsIT tests them against a broker)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"conpaas.gateway.tls.enabled=false", "conpaas.gateway.events.enabled=false"})
class GatewayIT {

    private static final RSAKey KEY = TestKeys.rsa();
    private static final RSAKey STRANGER = TestKeys.rsa();
    private static final Map<String, String> LAST_HEADERS = new ConcurrentHashMap<>();
    private static final AtomicInteger BODIES_RECEIVED = new AtomicInteger();
    private static final HttpServer SERVICE = service();
    private static final int CLOSED_PORT = closedPort();

    @LocalServerPort
    int port;
    @Autowired
    org.springframework.context.ApplicationContext context;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        String up = "http://127.0.0.1:" + SERVICE.getAddress().getPort();
        String down = "http://127.0.0.1:" + CLOSED_PORT;
        registry.add("conpaas.security.jwks-uri", () -> up + "/.well-known/jwks.json");
        registry.add("conpaas.gateway.identity", () -> up);
        registry.add("conpaas.gateway.app", () -> up);
        registry.add("conpaas.gateway.vpn", () -> up);
        registry.add("conpaas.gateway.cert", () -> down);
        registry.add("conpaas.gateway.provisioning", () -> up);
    }

    @AfterAll
    static void stop() {
        SERVICE.stop(0);
    }

    @Test
    void routesWithTheTokenAndARequestId() throws Exception {
        HttpResponse<String> r = send("GET", "/api/apps", token(KEY, "conpaas", "conpaas", 600), null, Map.of("X-Request-Id", "abc-123"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("app-service /api/apps");
        assertThat(LAST_HEADERS.get("authorization")).startsWith("Bearer ");
        assertThat(LAST_HEADERS.get("x-request-id")).isEqualTo("abc-123");
        assertThat(r.headers().firstValue("X-Request-Id")).hasValue("abc-123");

        HttpResponse<String> unsafeId = send("GET", "/api/apps", token(KEY, "conpaas", "conpaas", 600), null,
                Map.of("X-Request-Id", "bad id with spaces"));
        assertThat(unsafeId.headers().firstValue("X-Request-Id").orElseThrow()).matches("[0-9a-f-]{36}");
        assertThat(send("GET", "/api/apps/1/network", token(KEY, "conpaas", "conpaas", 600), null, Map.of()).body())
                .isEqualTo("app-service /api/apps/1/network");
    }

    @Test
    void refusesMissingForeignExpiredAndMisaddressedTokens() throws Exception {
        assertProblem(send("GET", "/api/apps", null, null, Map.of()), 401, "log in first");
        assertProblem(send("GET", "/api/apps", token(STRANGER, "conpaas", "conpaas", 600), null, Map.of()), 401, "signature does not verify");
        assertProblem(send("GET", "/api/apps", token(KEY, "conpaas", "conpaas", -600), null, Map.of()), 401, "expired");
        assertProblem(send("GET", "/api/apps", token(KEY, "conpaas", "elsewhere", 600), null, Map.of()), 401, "not meant for ConPaaS");
        assertProblem(send("GET", "/api/apps", token(KEY, "someone", "conpaas", 600), null, Map.of()), 401, "issued by someone else");
        assertProblem(send("GET", "/api/apps", "not.a.jwt", null, Map.of()), 401, "token");
        assertThat(send("POST", "/api/auth/login", null, "{}", Map.of()).statusCode()).as("login is open").isEqualTo(200);
    }

    @Test
    void answersUnknownPathsOversizedBodiesAndDownServicesWithProblems() throws Exception {
        String token = token(KEY, "conpaas", "conpaas", 600);
        assertProblem(send("GET", "/api/nothing-here", token, null, Map.of()), 404, "no such endpoint: GET /api/nothing-here");
        int before = BODIES_RECEIVED.get();
        assertProblem(send("POST", "/api/apps", token, "x".repeat(10 * 1024 * 1024), Map.of()), 413, "at most 1048576");
        assertThat(BODIES_RECEIVED.get()).as("nothing forwarded").isEqualTo(before);
        assertProblem(send("GET", "/api/ca/certificate", token, null, Map.of()), 503, "the cert service is unavailable");
        HttpResponse<String> passed = send("GET", "/api/apps/conflict", token, null, Map.of());
        assertThat(passed.statusCode()).isEqualTo(409);
        assertThat(passed.body()).contains("\"detail\":\"from the service\"");
    }

    @Test
    void everyAnswerCarriesExactlyOneRequestId() throws Exception {
        String token = token(KEY, "conpaas", "conpaas", 600);
        HttpResponse<String> routed = send("GET", "/api/apps", token, null, Map.of("X-Request-Id", "one-id"));
        assertThat(routed.headers().allValues("X-Request-Id")).as("the service echoes it too").containsExactly("one-id");
        HttpResponse<String> fresh = send("GET", "/api/apps", token, null, Map.of());
        assertThat(fresh.headers().allValues("X-Request-Id")).hasSize(1);
        assertThat(send("GET", "/api/nothing-here", token, null, Map.of()).headers().allValues("X-Request-Id")).hasSize(1);
        assertThat(send("GET", "/api/apps", null, null, Map.of()).headers().allValues("X-Request-Id")).hasSize(1);
    }

    @Test
    void refusalsOfTheHttpLayerAreProblems() throws Exception {
        assertRawProblem(raw("GET /api/" + "x".repeat(10_000) + " HTTP/1.1\r\nHost: a\r\n\r\n"), 414);
        assertRawProblem(raw("GET /api/apps HTTP/1.1\r\nHost: a\r\nX-Big: " + "y".repeat(20_000) + "\r\n\r\n"), 431);
        assertRawProblem(raw("GET /api/apps HTTP/1.1\r\nHost: a\r\nBad Header\r\n\r\n"), 400);
        String token = token(KEY, "conpaas", "conpaas", 600);
        assertRawProblem(raw("TRACE /api/apps HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer " + token + "\r\nConnection: close\r\n\r\n"), 405);
    }

    @Test
    void aRequestWithTwoLengthsIsRefusedAndTheConnectionClosed() throws Exception {
        String smuggled = "POST /api/auth/login HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\n"
                + "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n";
        String next = "GET /api/platform/health HTTP/1.1\r\nHost: a\r\n\r\n";
        String answer = raw(smuggled + next);
        assertRawProblem(answer, 400);
        assertThat(answer.split("HTTP/1\\.1 ", -1)).as("one answer, then the connection closed: " + answer).hasSize(2);

        String unknownCoding = "POST /api/auth/login HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: gzip, chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n";
        String second = raw(unknownCoding + next);
        assertRawProblem(second, 501);
        assertThat(second.split("HTTP/1\\.1 ", -1)).as("one answer, then the connection closed: " + second).hasSize(2);
    }

    /** Sends raw bytes, then reads until the gateway closes the connection (or 10 s pass). */
    private String raw(String request) throws IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            try {
                socket.getInputStream().transferTo(all);
            } catch (java.net.SocketTimeoutException stillOpen) {
                return all.toString(StandardCharsets.UTF_8) + "\n<connection still open>";
            }
            return all.toString(StandardCharsets.UTF_8);
        }
    }

    private static void assertRawProblem(String response, int status) {
        assertThat(response).as(response).startsWith("HTTP/1.1 " + status);
        int end = response.indexOf("\r\n\r\n");
        assertThat(end).as(response).isPositive();
        assertThat(response.substring(0, end).toLowerCase()).as(response).contains("content-type: application/problem+json");
        assertThat(response.substring(end + 4)).as(response).contains("\"status\":" + status, "\"detail\":\"")
                .doesNotContainPattern("java\\.|org\\.|com\\.|\\bclass\\b|\\$|Exception|\\(\\w+\\.java");
    }

    @Test
    void reportsPlatformHealth() throws Exception {
        HttpResponse<String> r = send("GET", "/api/platform/health", null, null, Map.of());
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).contains("\"status\":\"DEGRADED\"", "\"identity\":\"UP\"", "\"cert\":\"DOWN\"");
        assertThat(r.headers().firstValue("Date")).as("clients compare clocks with it").isPresent();
    }

    private HttpResponse<String> send(String method, String path, String token, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertProblem(HttpResponse<String> r, int status, String detail) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(r.body()).contains(detail).contains("\"status\":" + status).doesNotContain("Exception").doesNotContain("at org.");
    }

    private static String token(RSAKey key, String issuer, String audience, long validSeconds) {
        try {
            Instant now = Instant.now();
            JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("u-1").issuer(issuer).audience(audience)
                    .claim("preferred_username", "alice").claim("role", "user")
                    .issueTime(Date.from(now.minusSeconds(1200))).expirationTime(Date.from(now.plusSeconds(validSeconds)))
                    .build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpServer service() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/.well-known/jwks.json", ex -> reply(ex, 200, "application/json",
                    new JWKSet(KEY.toPublicJWK()).toString()));
            server.createContext("/actuator/health", ex -> reply(ex, 200, "application/json", "{\"status\":\"UP\"}"));
            server.createContext("/api/auth/login", ex -> reply(ex, 200, "application/json", "{\"accessToken\":\"t\"}"));
            server.createContext("/api/apps/conflict", ex -> reply(ex, 409, "application/problem+json",
                    "{\"title\":\"Conflict\",\"status\":409,\"detail\":\"from the service\"}"));
            server.createContext("/api/apps", ex -> {
                LAST_HEADERS.clear();
                ex.getRequestHeaders().forEach((k, v) -> LAST_HEADERS.put(k.toLowerCase(), String.join(",", v)));
                if (ex.getRequestBody().readAllBytes().length > 0) {
                    BODIES_RECEIVED.incrementAndGet();
                }
                if (ex.getRequestHeaders().getFirst("X-Request-Id") != null) {
                    ex.getResponseHeaders().set("X-Request-Id", ex.getRequestHeaders().getFirst("X-Request-Id")); // as the kit does
                }
                reply(ex, 200, "text/plain", "app-service " + ex.getRequestURI().getPath());
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void reply(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    private static int closedPort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

}
