package org.conpaas.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway serving HTTPS on a real Netty port with a director certificate from its director
 * directory, checked by the real openssl and curl: the certificate verifies for its host, a user
 * certificate stands in for a token and reaches the service with an HMAC proof, client-sent
 * certificate headers never pass, a certificate of another CA never reaches a service, and a
 * revoked one is refused as soon as the CRL says so.
 */
class GatewayTlsIT {

    private static final String SECRET = "test-client-certificate-secret";
    private static final TestCa CA = new TestCa("ConPaaS Root CA");
    private static final TestCa FOREIGN = new TestCa("Someone Else's CA");
    private static final TestCa.Issued ALICE = CA.user("u-alice", "alice", "user");
    private static final TestCa.Issued REVOKED = CA.user("u-bob", "bob", "user");
    private static final TestCa.Issued NODE = CA.node("node-7", "svc-3", "app-1");
    private static final TestCa.Issued STRANGER = FOREIGN.user("u-alice", "alice", "user");

    private static final Map<String, String> SEEN = new ConcurrentHashMap<>();
    private static final AtomicInteger SERVICE_CALLS = new AtomicInteger();
    private static final AtomicInteger CRL_FETCHES = new AtomicInteger();
    private static final AtomicReference<byte[]> CRL = new AtomicReference<>(CA.crl(List.of()));

    private static Path dir;
    private static HttpServer service;
    private static ConfigurableApplicationContext gateway;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("gateway-tls");
        Path director = Files.createDirectory(dir.resolve("director"));
        TestCa.Issued server = CA.director("localhost");
        server.write(director, "director");
        Files.writeString(director.resolve("director.pem"), server.certificatePem() + CA.certificate().certificatePem());
        Files.writeString(director.resolve("ca.pem"), CA.certificate().certificatePem());
        for (var c : Map.of("alice", ALICE, "revoked", REVOKED, "node", NODE, "stranger", STRANGER).entrySet()) {
            c.getValue().write(dir, c.getKey());
        }
        service = service();
        String url = "http://127.0.0.1:" + service.getAddress().getPort();
        gateway = new SpringApplicationBuilder(GatewayApplication.class).run(
                "--server.port=0",
                "--conpaas.gateway.events.enabled=false",
                "--conpaas.gateway.tls.director-dir=" + director,
                "--conpaas.gateway.crl-refresh=200ms",
                "--conpaas.security.client-certificate-secret=" + SECRET,
                "--conpaas.security.jwks-uri=" + url + "/.well-known/jwks.json",
                "--conpaas.gateway.identity=" + url, "--conpaas.gateway.app=" + url, "--conpaas.gateway.vpn=" + url,
                "--conpaas.gateway.cert=" + url, "--conpaas.gateway.provisioning=" + url);
        port = ((WebServerApplicationContext) gateway).getWebServer().getPort();
        // the gateway accepts no client certificate before it has read a CRL
        await().atMost(Duration.ofSeconds(20)).until(() -> curl("--cert", "alice.pem", "--key", "alice.key").startsWith("200"));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (service != null) {
            service.stop(0);
        }
    }

    @BeforeEach
    void forget() {
        SEEN.clear();
    }

    @Test
    void opensslVerifiesTheDirectorCertificateForItsHost() throws Exception {
        String ok = sClient("localhost");
        assertThat(ok).contains("Verify return code: 0 (ok)");
        assertThat(ok).as("asks for a client certificate of the ConPaaS CA").contains("Acceptable client certificate CA names")
                .contains("CN = ConPaaS Root CA");
        assertThat(sClient("conpaas.example.org")).as("not valid for another name").doesNotContain("Verify return code: 0 (ok)")
                .contains("hostname mismatch");
    }

    @Test
    void aUserCertificateStandsInForATokenAndReachesTheServiceWithItsProof() throws Exception {
        String answer = curl("--cert", "alice.pem", "--key", "alice.key");
        assertThat(answer).startsWith("200").contains("service saw /api/me");
        String forwarded = SEEN.get("x-client-certificate");
        assertThat(URLDecoder.decode(forwarded, StandardCharsets.UTF_8)).isEqualTo(ALICE.certificatePem());
        assertThat(SEEN.get("x-client-certificate-proof")).isEqualTo(hmac(forwarded));
        assertThat(SEEN).doesNotContainKey("authorization");

        curl("--cert", "node.pem", "--key", "node.key");
        assertThat(URLDecoder.decode(SEEN.get("x-client-certificate"), StandardCharsets.UTF_8)).isEqualTo(NODE.certificatePem());
    }

    @Test
    void certificateHeadersSentByAClientNeverPass() throws Exception {
        String forged = URLEncoder.encode(ALICE.certificatePem(), StandardCharsets.UTF_8);
        int before = SERVICE_CALLS.get();
        String noCertificate = curl("-H", "X-Client-Certificate: " + forged, "-H", "X-Client-Certificate-Proof: " + hmac(forged));
        assertThat(noCertificate).startsWith("401").contains("log in first");
        assertThat(SERVICE_CALLS.get()).isEqualTo(before);

        String otherCertificate = curl("--cert", "node.pem", "--key", "node.key",
                "-H", "X-Client-Certificate: " + forged, "-H", "X-Client-Certificate-Proof: " + hmac(forged));
        assertThat(otherCertificate).startsWith("200");
        assertThat(URLDecoder.decode(SEEN.get("x-client-certificate"), StandardCharsets.UTF_8))
                .as("the handshake's certificate, not the header's").isEqualTo(NODE.certificatePem());
    }

    @Test
    void aCertificateOfAnotherCaNeverReachesAService() throws Exception {
        int before = SERVICE_CALLS.get();
        String answer = curl("--cert", "stranger.pem", "--key", "stranger.key");
        assertThat(answer).as("TLS refusal or 401").doesNotStartWith("200");
        assertThat(SERVICE_CALLS.get()).isEqualTo(before);
        assertThat(SEEN).doesNotContainKey("x-client-certificate");
    }

    @Test
    void aRevokedCertificateIsRefusedOnceTheCrlSaysSoAndAForgedCrlChangesNothing() throws Exception {
        assertThat(curl("--cert", "revoked.pem", "--key", "revoked.key")).startsWith("200");
        CRL.set(CA.crl(List.of(REVOKED.serial())));
        await().atMost(Duration.ofSeconds(10)).until(() -> curl("--cert", "revoked.pem", "--key", "revoked.key").startsWith("401"));
        int before = SERVICE_CALLS.get();
        String refused = curl("--cert", "revoked.pem", "--key", "revoked.key");
        assertThat(refused).contains("application/problem+json")
                .contains("the client certificate " + REVOKED.serial().toString(16).toUpperCase() + " was revoked");
        assertThat(SERVICE_CALLS.get()).as("never reaches a service").isEqualTo(before);
        assertThat(curl("--cert", "alice.pem", "--key", "alice.key")).startsWith("200");

        // an empty CRL signed by another key (the internal network is not trusted with revocations)
        CRL.set(FOREIGN.crl(Set.<BigInteger>of()));
        int fetches = CRL_FETCHES.get();
        await().atMost(Duration.ofSeconds(10)).until(() -> CRL_FETCHES.get() >= fetches + 2);
        assertThat(curl("--cert", "revoked.pem", "--key", "revoked.key")).startsWith("401");
        CRL.set(CA.crl(List.of(REVOKED.serial())));
    }

    /** {@code curl https://localhost:<port>/api/me} with the CA as trust: "status content-type\nbody". */
    private static String curl(String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("curl", "-s", "--max-time", "10", "--cacert", "director/ca.pem",
                "--resolve", "localhost:" + port + ":127.0.0.1", "-w", "\n%{http_code} %{content_type}"));
        command.addAll(List.of(options));
        command.add("https://localhost:" + port + "/api/me");
        Process curl = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!curl.waitFor(20, TimeUnit.SECONDS)) {
            curl.destroyForcibly();
        }
        int lastLine = output.lastIndexOf('\n');
        // status first, so that tests read it with startsWith
        return output.substring(lastLine + 1) + "\n" + output.substring(0, Math.max(lastLine, 0)) + "\nexit " + curl.exitValue();
    }

    private static String sClient(String host) throws IOException, InterruptedException {
        Process openssl = new ProcessBuilder("openssl", "s_client", "-connect", "127.0.0.1:" + port, "-servername", host,
                "-verify_hostname", host, "-CAfile", "director/ca.pem").directory(dir.toFile()).redirectErrorStream(true).start();
        openssl.getOutputStream().close();
        String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        openssl.waitFor(20, TimeUnit.SECONDS);
        return output;
    }

    private static String hmac(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpServer service() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/.well-known/jwks.json", ex -> reply(ex, 200, "application/json", "{\"keys\":[]}"));
        server.createContext("/actuator/health", ex -> reply(ex, 200, "application/json", "{\"status\":\"UP\"}"));
        server.createContext("/api/ca/crl", ex -> {
            CRL_FETCHES.incrementAndGet();
            byte[] crl = CRL.get();
            ex.getResponseHeaders().set("Content-Type", "application/pkix-crl");
            ex.sendResponseHeaders(200, crl.length);
            ex.getResponseBody().write(crl);
            ex.close();
        });
        server.createContext("/api/me", ex -> {
            SERVICE_CALLS.incrementAndGet();
            SEEN.clear();
            ex.getRequestHeaders().forEach((k, v) -> SEEN.put(k.toLowerCase(), String.join(",", v)));
            reply(ex, 200, "text/plain", "service saw /api/me");
        });
        server.start();
        return server;
    }

    private static void reply(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }
}
