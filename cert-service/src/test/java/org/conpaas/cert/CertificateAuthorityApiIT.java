package org.conpaas.cert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.conpaas.cert.authority.CaProperties;
import org.conpaas.cert.authority.CertificateAuthority;
import org.conpaas.cert.certificate.RevocationList;
import org.conpaas.kit.test.ApiCalls;
import org.conpaas.kit.test.ServiceIntegrationTest;
import org.conpaas.kit.test.TestTokenDecoder;
import org.conpaas.kit.test.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * cert-service on real PostgreSQL and RabbitMQ, its certificates and CRL checked by the real
 * openssl binary: user certificates (generated key with PKCS#12, or the caller's CSR), node
 * certificates through one-time enrollment tokens, director certificates, revocation.
 */
@ServiceIntegrationTest
@Import(TestTokenDecoder.class)
class CertificateAuthorityApiIT {

    private static final TestTokens TOKENS = TestTokens.ISSUER;

    @Autowired
    TestRestTemplate http;
    @Autowired
    ConnectionFactory rabbit;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CaProperties caProperties;
    @Autowired
    RevocationList revocationList;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    org.conpaas.kit.bus.IntegrationEventCodec codec;
    @Value("${conpaas.bus.exchange}")
    String exchange;
    @TempDir
    Path work;

    private final ObjectMapper json = new ObjectMapper();
    private final String aliceId = UUID.randomUUID().toString();
    private final String bobId = UUID.randomUUID().toString();
    private final String alice = TOKENS.user(aliceId, "alice");
    private final String bob = TOKENS.user(bobId, "bob");
    private final String admin = TOKENS.admin(UUID.randomUUID().toString(), "admin");
    private RabbitAdmin rabbitAdmin;
    private Queue probe;

    @BeforeEach
    void fetchCaCertificateAndBindProbe() throws Exception {
        ResponseEntity<String> ca = call(HttpMethod.GET, "/api/ca/certificate", null, null);
        assertThat(ca.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(ca.getHeaders().getContentType()).hasToString("application/x-pem-file");
        Files.writeString(work.resolve("ca.pem"), ca.getBody());
        rabbitAdmin = new RabbitAdmin(rabbit);
        probe = rabbitAdmin.declareQueue();
        rabbitAdmin.declareBinding(BindingBuilder.bind(probe).to(new TopicExchange(exchange)).with("cert.*"));
    }

    @AfterEach
    void dropProbe() {
        rabbitAdmin.deleteQueue(probe.getName());
    }

    @Test
    void userCertificatesVerifyWithOpenSslAndARevokedOneIsOnTheCrl() throws Exception {
        JsonNode generated = created(call(HttpMethod.POST, "/api/ca/user-certificate", alice, "{\"password\":\"p12-secret\"}"));
        write("user.pem", generated.get("certificatePem").asText());
        write("user-key.pem", generated.get("privateKeyPem").asText());
        assertThat(generated.get("caChainPem").asText()).isEqualTo(Files.readString(work.resolve("ca.pem")));
        assertThat(OpenSsl.ok(work, "verify", "-CAfile", "ca.pem", "user.pem")).contains("user.pem: OK");
        String text = OpenSsl.ok(work, "x509", "-in", "user.pem", "-noout", "-text");
        assertThat(text).contains("Subject: O = ConPaaS, OU = user, UID = " + aliceId + ", CN = alice")
                .contains("URI:urn:conpaas:user:" + aliceId).contains("TLS Web Client Authentication")
                .contains("ecdsa-with-SHA256").contains("CA:FALSE");
        assertThat(OpenSsl.ok(work, "x509", "-in", "user.pem", "-noout", "-serial").strip())
                .isEqualTo("serial=" + generated.get("serial").asText());
        assertThat(OpenSsl.ok(work, "pkey", "-in", "user-key.pem", "-pubout"))
                .as("the key handed out belongs to the certificate")
                .isEqualTo(OpenSsl.ok(work, "x509", "-in", "user.pem", "-noout", "-pubkey"));
        Files.write(work.resolve("user.p12"), Base64.getDecoder().decode(generated.get("pkcs12Base64").asText()));
        assertThat(OpenSsl.ok(work, "pkcs12", "-in", "user.p12", "-passin", "pass:p12-secret", "-nokeys"))
                .contains("CN = alice").contains("CN = ConPaaS Root CA");
        assertThat(OpenSsl.run(work, "pkcs12", "-in", "user.p12", "-passin", "pass:wrong", "-nokeys").exitCode()).isNotZero();

        OpenSsl.ok(work, "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", "own-key.pem", "-out", "own.csr", "-subj", "/CN=alice/OU=user");
        JsonNode own = created(call(HttpMethod.POST, "/api/ca/user-certificate", alice, csrBody("own.csr")));
        assertThat(own.has("privateKeyPem")).as("the caller kept their key").isFalse();
        write("own.pem", own.get("certificatePem").asText());
        assertThat(OpenSsl.ok(work, "verify", "-CAfile", "ca.pem", "own.pem")).contains("own.pem: OK");

        String serial = generated.get("serial").asText();
        assertProblem(call(HttpMethod.POST, "/api/ca/certificates/" + serial + "/revoke", bob, "{}"), HttpStatus.NOT_FOUND,
                "no certificate with serial");
        JsonNode revoked = json.readTree(call(HttpMethod.POST, "/api/ca/certificates/" + serial + "/revoke", alice,
                "{\"reason\":\"keyCompromise\"}").getBody());
        assertThat(revoked.get("revoked").asBoolean()).isTrue();
        assertThat(revoked.get("revocationReason").asText()).isEqualTo("keyCompromise");
        assertProblem(call(HttpMethod.POST, "/api/ca/certificates/" + serial + "/revoke", alice, null), HttpStatus.CONFLICT,
                "revoked already");

        write("crl.pem", call(HttpMethod.GET, "/api/ca/crl?format=pem", null, null).getBody());
        String crl = OpenSsl.ok(work, "crl", "-in", "crl.pem", "-noout", "-text");
        assertThat(crl).contains("Serial Number: " + serial).contains("Key Compromise").contains("Issuer: CN = ConPaaS Root CA, O = ConPaaS")
                .doesNotContain("Serial Number: " + own.get("serial").asText());
        assertThat(OpenSsl.ok(work, "crl", "-in", "crl.pem", "-CAfile", "ca.pem", "-noout")).contains("verify OK");
        OpenSsl.Result check = OpenSsl.run(work, "verify", "-crl_check", "-CRLfile", "crl.pem", "-CAfile", "ca.pem", "user.pem");
        assertThat(check.exitCode()).isNotZero();
        assertThat(check.output()).contains("certificate revoked");
        assertThat(OpenSsl.ok(work, "verify", "-crl_check", "-CRLfile", "crl.pem", "-CAfile", "ca.pem", "own.pem")).contains("own.pem: OK");

        ResponseEntity<byte[]> der = http.getForEntity("/api/ca/crl", byte[].class);
        assertThat(der.getHeaders().getContentType()).hasToString("application/pkix-crl");
        Files.write(work.resolve("crl.der"), der.getBody());
        assertThat(OpenSsl.ok(work, "crl", "-inform", "DER", "-in", "crl.der", "-noout", "-text")).contains("Serial Number: " + serial);
        HttpHeaders pem = new HttpHeaders();
        pem.set(HttpHeaders.ACCEPT, "application/x-pem-file");
        assertThat(http.exchange("/api/ca/crl", HttpMethod.GET, new HttpEntity<>(pem), String.class).getBody())
                .startsWith("-----BEGIN X509 CRL-----");

        List<String> published = receive(3, aliceId);
        assertThat(published).containsExactly("cert.issued", "cert.issued", "cert.revoked");
    }

    @Test
    void revocationsCommittingSideBySideAllReachTheNewestCrlAndOnlyItIsKept() throws Exception {
        List<String> serials = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            serials.add(created(call(HttpMethod.POST, "/api/ca/user-certificate", alice, "{}")).get("serial").asText());
        }
        ExecutorService clients = Executors.newFixedThreadPool(serials.size());
        try {
            List<CompletableFuture<ResponseEntity<String>>> revocations = serials.stream()
                    .map(serial -> CompletableFuture.supplyAsync(() -> call(HttpMethod.POST,
                            "/api/ca/certificates/" + serial + "/revoke", alice, "{\"reason\":\"superseded\"}"), clients))
                    .toList();
            for (CompletableFuture<ResponseEntity<String>> revocation : revocations) {
                assertThat(revocation.get().getStatusCode()).as(revocation.get().getBody()).isEqualTo(HttpStatus.OK);
            }
        } finally {
            clients.shutdown();
        }

        write("crl.pem", call(HttpMethod.GET, "/api/ca/crl?format=pem", null, null).getBody());
        assertThat(OpenSsl.ok(work, "crl", "-in", "crl.pem", "-CAfile", "ca.pem", "-noout")).contains("verify OK");
        String crl = OpenSsl.ok(work, "crl", "-in", "crl.pem", "-noout", "-text");
        for (String serial : serials) {
            assertThat(crl).as("the newest CRL lists every revocation, %s among them", serial).contains("Serial Number: " + serial);
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM crl", Integer.class)).as("older CRLs are dropped").isEqualTo(1);
    }

    @Test
    void aTransactionWithManyRevocationsSignsOneCrlJustBeforeItCommits() {
        revocationList.current();
        long before = newestCrlNumber();
        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            for (int i = 0; i < 5; i++) {
                revocationList.reissueBeforeCommit();
            }
            assertThat(newestCrlNumber()).as("nothing signed before the commit").isEqualTo(before);
        });
        assertThat(newestCrlNumber()).as("one CRL for the whole transaction").isEqualTo(before + 1);
        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            revocationList.reissueBeforeCommit();
            tx.setRollbackOnly();
        });
        assertThat(newestCrlNumber()).as("a rolled back transaction signs none").isEqualTo(before + 1);
        revocationList.reissueBeforeCommit();
        assertThat(newestCrlNumber()).as("without a transaction it is signed at once").isEqualTo(before + 2);
    }

    /** Issue 16: a terminated node's certificate is revoked, always: the CRL lists it. */
    @Test
    void aTerminatedNodesCertificateIsRevokedAndOnTheCrl() throws Exception {
        String nodeId = "node-" + UUID.randomUUID().toString().substring(0, 8);
        String token = enrollmentToken("agent", nodeId);
        OpenSsl.ok(work, "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", "gone-key.pem", "-out", "gone.csr", "-subj", "/CN=" + nodeId);
        JsonNode node = created(enrol(token, "gone.csr"));
        String serial = node.get("serial").asText();
        var terminated = new org.conpaas.contracts.node.NodeTerminated(
                new org.conpaas.contracts.event.EventHeader(UUID.randomUUID(), "node.terminated", 1, java.time.Instant.now(), "test"),
                org.conpaas.contracts.id.NodeId.of(nodeId), org.conpaas.contracts.id.ServiceId.of("svc-1"),
                org.conpaas.contracts.id.ApplicationId.of("app-1"));
        var encoded = codec.encode(terminated);
        org.springframework.amqp.core.MessageProperties properties = new org.springframework.amqp.core.MessageProperties();
        encoded.getHeaders().forEach((k, v) -> {
            if (v != null && !k.equals("id") && !k.equals("timestamp")) {
                properties.setHeader(k, v);
            }
        });
        properties.setContentType("application/json");
        new RabbitTemplate(rabbit).send(exchange, "node.terminated", new Message(encoded.getPayload(), properties));

        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "SELECT revocation_reason FROM certificate WHERE serial = ?", String.class, serial) != null);
        assertThat(jdbc.queryForObject("SELECT revocation_reason FROM certificate WHERE serial = ?", String.class, serial))
                .isEqualTo("cessationOfOperation");
        ResponseEntity<byte[]> crl = http.getForEntity("/api/ca/crl", byte[].class);
        Files.write(work.resolve("gone.crl"), crl.getBody());
        String listed = OpenSsl.ok(work, "crl", "-inform", "DER", "-in", "gone.crl", "-noout", "-text");
        assertThat(listed.toUpperCase()).contains(new java.math.BigInteger(serial.replace(":", ""), 16).toString(16).toUpperCase());
    }

    @Test
    void aDisabledUsersCertificatesAreRevokedAndNobodyElses() throws Exception {
        String first = created(call(HttpMethod.POST, "/api/ca/user-certificate", alice, "{}")).get("serial").asText();
        String second = created(call(HttpMethod.POST, "/api/ca/user-certificate", alice, "{}")).get("serial").asText();
        String bobs = created(call(HttpMethod.POST, "/api/ca/user-certificate", bob, "{}")).get("serial").asText();
        var disabled = new org.conpaas.contracts.identity.UserDisabled(
                new org.conpaas.contracts.event.EventHeader(UUID.randomUUID(), "user.disabled", 1, java.time.Instant.now(), "test"),
                org.conpaas.contracts.id.UserId.of(aliceId), "disabled by admin");
        var encoded = codec.encode(disabled);
        org.springframework.amqp.core.MessageProperties properties = new org.springframework.amqp.core.MessageProperties();
        encoded.getHeaders().forEach((k, v) -> {
            if (v != null && !k.equals("id") && !k.equals("timestamp")) {
                properties.setHeader(k, v);
            }
        });
        properties.setContentType("application/json");
        new RabbitTemplate(rabbit).send(exchange, "user.disabled", new Message(encoded.getPayload(), properties));

        await().atMost(Duration.ofSeconds(20)).until(() -> revocationReason(first) != null && revocationReason(second) != null);
        assertThat(revocationReason(first)).isEqualTo("privilegeWithdrawn");
        assertThat(revocationReason(second)).isEqualTo("privilegeWithdrawn");
        assertThat(revocationReason(bobs)).as("another user's certificate").isNull();
        ResponseEntity<byte[]> crl = http.getForEntity("/api/ca/crl", byte[].class);
        Files.write(work.resolve("disabled.crl"), crl.getBody());
        String listed = OpenSsl.ok(work, "crl", "-inform", "DER", "-in", "disabled.crl", "-noout", "-text").toUpperCase();
        assertThat(listed).contains(new java.math.BigInteger(first.replace(":", ""), 16).toString(16).toUpperCase(),
                new java.math.BigInteger(second.replace(":", ""), 16).toString(16).toUpperCase());
    }

    private String revocationReason(String serial) {
        return jdbc.queryForObject("SELECT revocation_reason FROM certificate WHERE serial = ?", String.class, serial);
    }

    @Test
    void nodesEnrolOnceWithATokenAndGetACertificateNamingNodeServiceAndApplication() throws Exception {
        String token = enrollmentToken("agent", "node-1");
        OpenSsl.ok(work, "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", "node-key.pem", "-out", "node.csr", "-subj", "/CN=node-1");
        OpenSsl.ok(work, "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", "other-key.pem", "-out", "other.csr", "-subj", "/CN=node-2");

        assertProblem(enrol(token, "other.csr"), HttpStatus.BAD_REQUEST, "claims CN=node-2, but it can only be CN=node-1");
        JsonNode node = created(enrol(token, "node.csr"));
        assertThat(node.has("privateKeyPem")).isFalse();
        write("node.pem", node.get("certificatePem").asText());
        assertThat(OpenSsl.ok(work, "verify", "-CAfile", "ca.pem", "node.pem")).contains("node.pem: OK");
        assertThat(OpenSsl.ok(work, "x509", "-in", "node.pem", "-noout", "-text"))
                .contains("Subject: O = ConPaaS, OU = agent, CN = node-1")
                .contains("URI:urn:conpaas:node:node-1, URI:urn:conpaas:service:svc-1, URI:urn:conpaas:application:app-1");

        assertProblem(enrol(token, "node.csr"), HttpStatus.UNAUTHORIZED, "was used already");
        String expiring = enrollmentToken("manager", "node-3");
        jdbc.update("UPDATE enrollment_token SET expires_at = now() - interval '1 second' WHERE token_hash = ?", sha256(expiring));
        OpenSsl.ok(work, "req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", "m-key.pem", "-out", "manager.csr", "-subj", "/CN=node-3");
        assertProblem(enrol(expiring, "manager.csr"), HttpStatus.UNAUTHORIZED, "expired");
        assertProblem(enrol("not-a-token", "node.csr"), HttpStatus.UNAUTHORIZED, "unknown enrollment token");

        JsonNode manager = created(enrol(enrollmentToken("manager", "node-3"), "manager.csr"));
        write("manager.pem", manager.get("certificatePem").asText());
        assertThat(OpenSsl.ok(work, "x509", "-in", "manager.pem", "-noout", "-text")).contains("OU = manager")
                .contains("TLS Web Server Authentication, TLS Web Client Authentication").contains("Key Encipherment");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM enrollment_token WHERE token_hash = ? OR token_hash = ?", Long.class,
                token, expiring)).as("tokens are stored only hashed").isZero();

        JsonNode mine = json.readTree(call(HttpMethod.GET, "/api/ca/certificates", alice, null).getBody());
        assertThat(mine.findValuesAsText("nodeId")).as("the owner named in the token sees the node certificates")
                .containsExactly("node-1", "node-3");
        assertThat(json.readTree(call(HttpMethod.GET, "/api/ca/certificates", bob, null).getBody())).isEmpty();
    }

    @Test
    void theDirectorCertificateNamesTheHostAndANewHostRevokesTheOldOne() throws Exception {
        assertProblem(call(HttpMethod.POST, "/api/ca/director-certificate", alice, "{\"host\":\"conpaas.example.org\"}"),
                HttpStatus.FORBIDDEN, "only an administrator");
        JsonNode byName = created(call(HttpMethod.POST, "/api/ca/director-certificate", admin, "{\"host\":\"conpaas.example.org\"}"));
        write("director.pem", byName.get("certificatePem").asText());
        write("chain.pem", byName.get("caChainPem").asText());
        assertThat(byName.get("privateKeyPem").asText()).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(OpenSsl.ok(work, "verify", "-CAfile", "chain.pem", "-purpose", "sslserver", "-verify_hostname", "conpaas.example.org",
                "director.pem")).contains("director.pem: OK");
        assertThat(OpenSsl.ok(work, "x509", "-in", "director.pem", "-noout", "-text"))
                .contains("Subject: O = ConPaaS, OU = director, CN = conpaas.example.org").contains("DNS:conpaas.example.org");

        JsonNode byAddress = created(call(HttpMethod.POST, "/api/ca/director-certificate", admin, "{\"host\":\"10.0.0.5\"}"));
        write("director-ip.pem", byAddress.get("certificatePem").asText());
        assertThat(OpenSsl.ok(work, "x509", "-in", "director-ip.pem", "-noout", "-text"))
                .contains("CN = 10.0.0.5").contains("IP Address:10.0.0.5").doesNotContain("DNS:");
        assertThat(OpenSsl.ok(work, "verify", "-CAfile", "ca.pem", "-verify_ip", "10.0.0.5", "director-ip.pem")).contains("OK");

        JsonNode old = json.readTree(call(HttpMethod.GET, "/api/ca/certificates/" + byName.get("serial").asText(), admin, null).getBody());
        assertThat(old.get("revoked").asBoolean()).isTrue();
        assertThat(old.get("revocationReason").asText()).isEqualTo("superseded");
        created(call(HttpMethod.POST, "/api/ca/director-certificate", admin, "{\"host\":\"10.0.0.5\"}"));
        JsonNode current = json.readTree(call(HttpMethod.GET, "/api/ca/certificates/" + byAddress.get("serial").asText(), admin, null).getBody());
        assertThat(current.get("revoked").asBoolean()).as("another certificate for the same host leaves it valid").isFalse();

        write("crl.pem", call(HttpMethod.GET, "/api/ca/crl?format=pem", null, null).getBody());
        assertThat(OpenSsl.ok(work, "crl", "-in", "crl.pem", "-noout", "-text")).contains("Serial Number: " + byName.get("serial").asText())
                .contains("Superseded");
        JsonNode all = json.readTree(call(HttpMethod.GET, "/api/ca/certificates", admin, null).getBody());
        assertThat(all.findValuesAsText("role")).containsOnly("director").hasSize(3);
        assertProblem(call(HttpMethod.POST, "/api/ca/director-certificate", admin, "{\"host\":\"https://x.org/\"}"),
                HttpStatus.BAD_REQUEST, "host must be a DNS name or an IP address");
    }

    @Test
    void refusesBadCsrsForeignClaimsAndCallersWithoutTheRole() throws Exception {
        Long eventsBefore = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        OpenSsl.ok(work, "req", "-new", "-newkey", "rsa:1024", "-nodes", "-keyout", "weak-key.pem", "-out", "weak.csr", "-subj", "/CN=alice");
        assertProblem(call(HttpMethod.POST, "/api/ca/user-certificate", alice, csrBody("weak.csr")), HttpStatus.BAD_REQUEST,
                "RSA key has 1024 bits");
        OpenSsl.ok(work, "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:secp256k1", "-nodes", "-keyout", "k1.pem",
                "-out", "k1.csr", "-subj", "/CN=alice");
        assertProblem(call(HttpMethod.POST, "/api/ca/user-certificate", alice, csrBody("k1.csr")), HttpStatus.BAD_REQUEST,
                "EC keys must be on P-256 or P-384");
        OpenSsl.ok(work, "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-384", "-nodes", "-keyout", "bob-key.pem",
                "-out", "bob.csr", "-subj", "/CN=bob");
        assertProblem(call(HttpMethod.POST, "/api/ca/user-certificate", alice, csrBody("bob.csr")), HttpStatus.BAD_REQUEST,
                "claims CN=bob, but it can only be CN=alice");
        OpenSsl.ok(work, "req", "-new", "-key", "bob-key.pem", "-out", "admin.csr", "-subj", "/CN=alice/OU=admin");
        assertProblem(call(HttpMethod.POST, "/api/ca/user-certificate", alice, csrBody("admin.csr")), HttpStatus.BAD_REQUEST,
                "claims OU (the role)=admin");
        assertProblem(call(HttpMethod.POST, "/api/ca/user-certificate", alice, "{\"csr\":\"garbage\"}"), HttpStatus.BAD_REQUEST,
                "not a certificate request");
        assertProblem(call(HttpMethod.POST, "/api/ca/user-certificate", alice, "{\"csr\":"), HttpStatus.BAD_REQUEST, "not valid JSON");
        assertProblem(call(HttpMethod.POST, "/api/ca/user-certificate", alice, "{\"password\":\"\"}"), HttpStatus.BAD_REQUEST,
                "password must be 1 to 1024 characters");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class)).as("nothing refused was issued")
                .isEqualTo(eventsBefore);

        assertProblem(call(HttpMethod.POST, "/api/ca/user-certificate", null, "{}"), HttpStatus.UNAUTHORIZED, "log in");
        assertProblem(call(HttpMethod.GET, "/api/ca/certificates", null, null), HttpStatus.UNAUTHORIZED, "log in");
        assertProblem(call(HttpMethod.POST, "/api/ca/enrollment-tokens", alice, tokenBody("agent", "n-9")), HttpStatus.FORBIDDEN,
                "only an administrator");
        assertProblem(call(HttpMethod.POST, "/api/ca/enrollment-tokens", admin, tokenBody("director", "n-9")), HttpStatus.BAD_REQUEST,
                "role must be manager or agent");
        assertProblem(call(HttpMethod.POST, "/api/ca/enrollment-tokens", admin, tokenBody("agent", "../etc")), HttpStatus.BAD_REQUEST,
                "nodeId must be");
        assertProblem(call(HttpMethod.POST, "/api/ca/certificates/zz-top/revoke", admin, null), HttpStatus.NOT_FOUND, "hexadecimal");
    }

    @Test
    void theServiceKeepsTheCaInItsDataDirectoryEncryptedAndReloadsTheSameOne() throws Exception {
        Path key = caProperties.dataDir().resolve("ca-key.pem");
        assertThat(Files.readString(key)).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----").doesNotContain("BEGIN PRIVATE KEY");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        CertificateAuthority reloaded = CertificateAuthority.loadOrCreate(caProperties, Clock.systemUTC());
        assertThat(reloaded.certificatePem()).isEqualTo(Files.readString(work.resolve("ca.pem")));
        assertThat(jdbc.queryForObject("SELECT fingerprint FROM certificate_authority", String.class)).isEqualTo(reloaded.fingerprint());
    }

    private String enrollmentToken(String role, String nodeId) throws Exception {
        JsonNode token = created(call(HttpMethod.POST, "/api/ca/enrollment-tokens", admin, tokenBody(role, nodeId)));
        assertThat(token.get("token").asText()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(token.get("expiresAt").asText()).isNotBlank();
        return token.get("token").asText();
    }

    private String tokenBody(String role, String nodeId) {
        return "{\"role\":\"" + role + "\",\"nodeId\":\"" + nodeId + "\",\"serviceId\":\"svc-1\",\"applicationId\":\"app-1\",\"ownerId\":\""
                + aliceId + "\"}";
    }

    private ResponseEntity<String> enrol(String token, String csrFile) throws Exception {
        return call(HttpMethod.POST, "/api/ca/enroll", null, json.writeValueAsString(
                java.util.Map.of("token", token, "csr", Files.readString(work.resolve(csrFile)))));
    }

    private String csrBody(String file) throws Exception {
        return json.writeValueAsString(java.util.Map.of("csr", Files.readString(work.resolve(file))));
    }

    private long newestCrlNumber() {
        return jdbc.queryForObject("SELECT max(number) FROM crl", Long.class);
    }

    private JsonNode created(ResponseEntity<String> response) throws Exception {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.CREATED);
        return json.readTree(response.getBody());
    }

    private void write(String file, String content) throws Exception {
        Files.writeString(work.resolve(file), content, StandardCharsets.US_ASCII);
    }

    /**
     * The routing keys of the certificate events about {@code ownerId}'s certificates; events of
     * other certificates (a director certificate issued by another test context sharing the
     * broker, say) are skipped.
     */
    private List<String> receive(int count, String ownerId) {
        List<String> published = new ArrayList<>();
        RabbitTemplate template = new RabbitTemplate(rabbit);
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            Message m = template.receive(probe.getName());
            if (m != null && ownerId.equals(json.readTree(m.getBody()).path("ownerId").asText())) {
                published.add(m.getMessageProperties().getReceivedRoutingKey());
            }
            return published.size() >= count;
        });
        return published;
    }

    private static String sha256(String token) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    }

    private ResponseEntity<String> call(HttpMethod method, String path, String token, String body) {
        return ApiCalls.call(http, method, path, token, body);
    }

    private static void assertProblem(ResponseEntity<String> response, HttpStatus status, String detailPart) {
        ApiCalls.assertProblem(response, status, detailPart);
    }
}
