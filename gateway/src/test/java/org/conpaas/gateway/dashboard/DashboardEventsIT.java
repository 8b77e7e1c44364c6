package org.conpaas.gateway.dashboard;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import org.conpaas.gateway.TestKeys;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway's live events against a real broker (the machine's RabbitMQ, or
 * CONPAAS_TEST_AMQP_*), on an exchange of this run's own: what is published there reaches
 * /api/events as server-sent events, filtered to what the caller may see, and is counted for
 * operators at /api/platform/events.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"conpaas.gateway.tls.enabled=false", "conpaas.gateway.events.consumer-groups=test-group,absent-group"})
class DashboardEventsIT {

    private static final String EXCHANGE = "conpaas.test.gateway." + UUID.randomUUID();
    private static final String ALICE = "a11ce000-0000-4000-8000-000000000001";
    private static final RSAKey KEY = TestKeys.rsa();
    private static final HttpServer SERVICES = services();

    @LocalServerPort
    int port;
    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    AmqpAdmin admin;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        String url = "http://127.0.0.1:" + SERVICES.getAddress().getPort();
        registry.add("conpaas.security.jwks-uri", () -> url + "/.well-known/jwks.json");
        for (String service : List.of("identity", "app", "vpn", "cert", "provisioning")) {
            registry.add("conpaas.gateway." + service, () -> url);
        }
        registry.add("conpaas.bus.exchange", () -> EXCHANGE);
        registry.add("spring.rabbitmq.host", () -> env("CONPAAS_TEST_AMQP_HOST", "127.0.0.1"));
        registry.add("spring.rabbitmq.port", () -> env("CONPAAS_TEST_AMQP_PORT", "5672"));
        registry.add("spring.rabbitmq.username", () -> env("CONPAAS_TEST_AMQP_USER", "guest"));
        registry.add("spring.rabbitmq.password", () -> env("CONPAAS_TEST_AMQP_PASSWORD", "guest"));
    }

    @AfterAll
    static void stop() {
        SERVICES.stop(0);
    }

    @Test
    void eachCallerReceivesTheEventsTheyMaySeeAndOperatorsSeeThemCounted() throws Exception {
        List<String> alice = listen(token(ALICE, "user"));
        List<String> operator = listen(token("0pe7a70r-0000-4000-8000-000000000003", "admin"));
        await().atMost(Duration.ofSeconds(20)).until(() -> alice.contains("event:stream.opened") && operator.contains("event:stream.opened"));

        publish("node.running", "{\"header\":{\"eventId\":\"e-1\",\"type\":\"node.running\",\"occurredAt\":\"2026-11-25T10:00:00Z\"},"
                + "\"nodeId\":\"n-1\",\"serviceId\":\"s-1\",\"applicationId\":\"shop\"}");
        publish("node.failed", "{\"header\":{\"eventId\":\"e-2\",\"type\":\"node.failed\",\"occurredAt\":\"2026-11-25T10:00:01Z\"},"
                + "\"nodeId\":\"n-9\",\"serviceId\":\"s-9\",\"applicationId\":\"someone-elses\",\"reason\":\"lost\"}");
        publish("user.credit-changed", "{\"header\":{\"eventId\":\"e-3\",\"type\":\"user.credit-changed\"},"
                + "\"userId\":\"" + ALICE + "\",\"delta\":-1,\"balance\":49,\"reason\":\"billing\"}");

        await().atMost(Duration.ofSeconds(20)).until(() -> operator.contains("id:e-3") && alice.contains("id:e-3"));
        assertThat(operator).contains("event:node.running", "event:node.failed", "event:user.credit-changed");
        assertThat(alice).contains("event:node.running", "id:e-1", "event:user.credit-changed").doesNotContain("id:e-2", "event:node.failed");
        assertThat(alice).anySatisfy(line -> assertThat(line).startsWith("data:").contains("\"applicationId\":\"shop\""));

        // a consumer group's queue with a message that failed every retry in its dead-letter queue
        admin.declareQueue(new Queue(EXCHANGE + ".test-group", false, false, false));
        admin.declareQueue(new Queue(EXCHANGE + ".test-group.dlq", false, false, false));
        rabbit.send("", EXCHANGE + ".test-group.dlq", MessageBuilder.withBody("{}".getBytes(StandardCharsets.UTF_8)).build());

        HttpResponse<String> stats = get("/api/platform/events", token("0pe7a70r-0000-4000-8000-000000000003", "admin"));
        assertThat(stats.statusCode()).as(stats.body()).isEqualTo(200);
        assertThat(stats.body()).contains("\"connected\":true", "\"node.failed\":1", "\"failures\":[{\"id\":\"e-2\"",
                "{\"group\":\"test-group\",\"queue\":\"" + EXCHANGE + ".test-group\",\"exists\":true,\"waiting\":0,\"consumers\":0,\"deadLettered\":1}",
                "{\"group\":\"absent-group\",\"queue\":\"" + EXCHANGE + ".absent-group\",\"exists\":false");
        admin.deleteQueue(EXCHANGE + ".test-group");
        admin.deleteQueue(EXCHANGE + ".test-group.dlq");
        HttpResponse<String> refused = get("/api/platform/events", token(ALICE, "user"));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("only administrators watch the platform's events");
        assertThat(get("/api/events", null).statusCode()).isEqualTo(401);
        admin.deleteExchange(EXCHANGE);
    }

    @Test
    void theDashboardIsServedAtTheRootWithAStrictContentSecurityPolicy() throws Exception {
        HttpResponse<String> page = get("/", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<script type=\"module\" src=\"/js/main.js\"></script>");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(DashboardHeaders.POLICY);
        HttpResponse<String> script = get("/js/api.js", null);
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type").orElse("")).contains("javascript");
    }

    /** Opens /api/events and collects its lines as they come. */
    private List<String> listen(String token) {
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/events"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .thenAccept(r -> {
                    lines.add("status:" + r.statusCode());
                    try (Stream<String> body = r.body()) {
                        body.forEach(lines::add);
                    }
                });
        return lines;
    }

    private void publish(String type, String json) {
        MessageProperties properties = new MessageProperties();
        properties.setContentType("application/json");
        properties.setHeader("eventType", type);
        rabbit.send(EXCHANGE, type, MessageBuilder.withBody(json.getBytes(StandardCharsets.UTF_8)).andProperties(properties).build());
    }

    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String token(String subject, String role) {
        try {
            Instant now = Instant.now();
            JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject).issuer("conpaas").audience("conpaas")
                    .claim("preferred_username", role + "-1").claim("role", role)
                    .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600))).build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(KEY));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** identity-service's keys, and app-service answering alice's applications: just "shop". */
    private static HttpServer services() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/.well-known/jwks.json", ex -> reply(ex, new JWKSet(KEY.toPublicJWK()).toString()));
            server.createContext("/api/apps", ex -> reply(ex, "[{\"id\":\"shop\",\"name\":\"shop\",\"ownerId\":\"" + ALICE + "\"}]"));
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void reply(HttpExchange ex, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(200, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
