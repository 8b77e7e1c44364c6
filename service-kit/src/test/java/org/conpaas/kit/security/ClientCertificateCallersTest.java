package org.conpaas.kit.security;

import org.conpaas.kit.test.TestTokenDecoder;
import org.conpaas.kit.test.TestTokens;
import org.conpaas.kit.web.WebConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service behind the gateway: a certificate forwarded with the gateway's proof is a caller
 * like a token; a user's is the same {@link CurrentUser}, a node's is a {@link CurrentNode} that
 * never passes as a user; no proof, a wrong proof or a certificate that names nobody is 401, and
 * so is one with a valid proof that the ConPaaS CA did not sign (self-signed) or revoked.
 * Certificates are made by the real openssl (a CA of its own, served with its CRL as cert-service
 * serves them), with the subjects and SANs cert-service gives.
 */
@SpringBootTest(classes = ClientCertificateCallersTest.Service.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"conpaas.security.client-certificate-secret=" + ClientCertificateCallersTest.SECRET,
                "conpaas.security.node-paths=/api/nodes/me"})
class ClientCertificateCallersTest {

    static final String SECRET = "kit-test-secret";

    @SpringBootConfiguration
    @ImportAutoConfiguration({org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration.class,
            ServletWebServerFactoryAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
            WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class,
            ErrorMvcAutoConfiguration.class, SecurityAutoConfiguration.class, ResourceServerConfiguration.class, WebConfiguration.class})
    @Import({TestTokenDecoder.class, Callers.class})
    static class Service {
    }

    @RestController
    static class Callers {
        @GetMapping("/api/me")
        Map<String, Object> me(CurrentUser caller) {
            return Map.of("id", caller.id().value(), "username", caller.username(), "admin", caller.isAdmin());
        }

        /** Any authenticated user's endpoint that does not ask who the caller is. */
        @GetMapping("/api/catalog")
        Map<String, Object> catalog() {
            return Map.of("open", true);
        }

        @GetMapping("/api/nodes/me")
        Map<String, Object> node(CurrentNode node) {
            return Map.of("node", node.nodeId().value(), "service", node.serviceId().value(),
                    "application", node.applicationId().value(), "role", node.role());
        }
    }

    private static String alice, admin, agent, director, selfSignedAdmin, revokedUser;
    private static com.sun.net.httpserver.HttpServer certService;

    @org.springframework.test.context.DynamicPropertySource
    static void certificateAuthority(org.springframework.test.context.DynamicPropertyRegistry registry) {
        registry.add("conpaas.security.certificate-authority-url", () -> "http://127.0.0.1:" + certService.getAddress().getPort());
    }

    @org.junit.jupiter.api.AfterAll
    static void stopCertService() {
        certService.stop(0);
    }

    @LocalServerPort
    int port;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void certificates(@TempDir Path dir) throws Exception {
        run(dir, "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "ca.key",
                "-out", "ca.pem", "-days", "2", "-subj", "/O=ConPaaS/CN=ConPaaS test CA");
        Files.writeString(dir.resolve("index.txt"), "");
        Files.writeString(dir.resolve("crlnumber"), "01\n");
        Files.writeString(dir.resolve("ca.cnf"), """
                [ ca ]
                default_ca = test_ca
                [ test_ca ]
                database = index.txt
                crlnumber = crlnumber
                default_md = sha256
                default_crl_days = 1
                certificate = ca.pem
                private_key = ca.key
                """);
        alice = openssl(dir, "alice", "/O=ConPaaS/OU=user/UID=5b1f8a0e-1111-4222-8333-444455556666/CN=alice",
                "URI:urn:conpaas:user:5b1f8a0e-1111-4222-8333-444455556666");
        admin = openssl(dir, "root", "/O=ConPaaS/OU=admin/UID=u-admin/CN=admin", "URI:urn:conpaas:user:u-admin");
        agent = openssl(dir, "agent", "/O=ConPaaS/OU=agent/CN=node-7",
                "URI:urn:conpaas:node:node-7,URI:urn:conpaas:service:svc-3,URI:urn:conpaas:application:app-1");
        director = openssl(dir, "director", "/O=ConPaaS/OU=director/CN=conpaas.example.org", "DNS:conpaas.example.org");
        revokedUser = openssl(dir, "mallory", "/O=ConPaaS/OU=user/UID=u-mallory/CN=mallory", "URI:urn:conpaas:user:u-mallory");
        run(dir, "openssl", "ca", "-config", "ca.cnf", "-revoke", "mallory.pem");
        run(dir, "openssl", "ca", "-config", "ca.cnf", "-gencrl", "-out", "crl.pem");
        // what a tenant holding the gateway's secret could make: a self-signed certificate claiming admin
        run(dir, "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "forged.key",
                "-out", "forged.pem", "-days", "1", "-subj", "/O=ConPaaS/OU=admin/UID=u-admin/CN=admin",
                "-addext", "subjectAltName=URI:urn:conpaas:user:u-admin");
        selfSignedAdmin = URLEncoder.encode(Files.readString(dir.resolve("forged.pem")), StandardCharsets.UTF_8);
        byte[] caPem = Files.readAllBytes(dir.resolve("ca.pem"));
        byte[] crlPem = Files.readAllBytes(dir.resolve("crl.pem"));
        certService = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        certService.createContext("/api/ca/certificate", exchange -> answer(exchange, caPem));
        certService.createContext("/api/ca/crl", exchange -> answer(exchange, crlPem));
        certService.start();
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, byte[] body) throws IOException {
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Test
    void aCertificateTheCaDidNotSignOrRevokedIsRefusedEvenWithAValidProof() throws Exception {
        HttpResponse<String> forged = call("/api/me", selfSignedAdmin, proof(selfSignedAdmin), null);
        assertThat(forged.statusCode()).as(forged.body()).isEqualTo(401);
        assertThat(forged.body()).contains("not issued by the ConPaaS CA");
        HttpResponse<String> revoked = call("/api/me", revokedUser, proof(revokedUser), null);
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(401);
        assertThat(revoked.body()).contains("revoked");
    }

    @Test
    void aUserCertificateIsTheSameCallerAsTheUsersToken() throws Exception {
        HttpResponse<String> byCertificate = call("/api/me", alice, proof(alice), null);
        assertThat(byCertificate.statusCode()).as(byCertificate.body()).isEqualTo(200);
        HttpResponse<String> byToken = call("/api/me", null, null,
                TestTokens.ISSUER.user("5b1f8a0e-1111-4222-8333-444455556666", "alice"));
        assertThat(byCertificate.body()).isEqualTo(byToken.body())
                .contains("\"username\":\"alice\"", "\"id\":\"5b1f8a0e-1111-4222-8333-444455556666\"", "\"admin\":false");
        assertThat(call("/api/me", admin, proof(admin), null).body()).contains("\"username\":\"admin\"", "\"admin\":true");
        assertThat(call("/api/nodes/me", alice, proof(alice), null).statusCode()).as("a user is not a node").isEqualTo(403);
    }

    @Test
    void aNodeCertificateIsACurrentNodeAndNeverAUser() throws Exception {
        HttpResponse<String> node = call("/api/nodes/me", agent, proof(agent), null);
        assertThat(node.statusCode()).as(node.body()).isEqualTo(200);
        assertThat(node.body()).contains("\"node\":\"node-7\"", "\"service\":\"svc-3\"", "\"application\":\"app-1\"", "\"role\":\"agent\"");
        HttpResponse<String> asUser = call("/api/me", agent, proof(agent), null);
        assertThat(asUser.statusCode()).isEqualTo(403);
        assertThat(asUser.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        // outside the node protocol a node is refused before any controller, even one that does not ask who calls
        HttpResponse<String> catalog = call("/api/catalog", agent, proof(agent), null);
        assertThat(catalog.statusCode()).as(catalog.body()).isEqualTo(403);
        assertThat(call("/api/catalog", alice, proof(alice), null).statusCode()).isEqualTo(200);
    }

    @Test
    void aCertificateWithoutTheGatewaysProofOrNamingNobodyIsRefused() throws Exception {
        assertThat(call("/api/me", alice, null, null).statusCode()).isEqualTo(401);
        HttpResponse<String> wrong = call("/api/me", alice, proof(admin), null);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("not forwarded by the gateway");
        assertThat(call("/api/me", alice, ClientCertificates.proof("another-secret", alice), null).statusCode()).isEqualTo(401);
        HttpResponse<String> server = call("/api/me", director, proof(director), null);
        assertThat(server.statusCode()).isEqualTo(401);
        assertThat(server.body()).contains("role 'director' does not identify a caller");
        assertThat(call("/api/me", null, null, null).statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> call(String path, String certificate, String proof, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (certificate != null) {
            request.header(ClientCertificates.HEADER, certificate);
        }
        if (proof != null) {
            request.header(ClientCertificates.PROOF, proof);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String proof(String headerValue) {
        return ClientCertificates.proof(SECRET, headerValue);
    }

    /** A certificate the test CA signs with openssl, as the gateway forwards it: URL-encoded PEM. */
    private static String openssl(Path dir, String name, String subject, String san) throws IOException, InterruptedException {
        run(dir, "openssl", "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", name + ".key",
                "-out", name + ".csr", "-subj", subject);
        Files.writeString(dir.resolve(name + ".ext"), "subjectAltName=" + san + "\n");
        run(dir, "openssl", "x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-days", "1", "-extfile", name + ".ext", "-out", name + ".pem");
        return URLEncoder.encode(Files.readString(dir.resolve(name + ".pem")), StandardCharsets.UTF_8);
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
    }
}
