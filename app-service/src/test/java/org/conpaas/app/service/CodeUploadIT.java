package org.conpaas.app.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.conpaas.contracts.event.EventHeader;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.NodeId;
import org.conpaas.contracts.id.ServiceId;
import org.conpaas.contracts.node.NodeCodeRefused;
import org.conpaas.kit.bus.IntegrationEventCodec;
import org.conpaas.kit.test.BusProbe;
import org.conpaas.kit.test.ServiceIntegrationTest;
import org.conpaas.kit.test.TestTokenDecoder;
import org.conpaas.kit.test.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
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
import org.springframework.test.context.TestPropertySource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.conpaas.kit.test.ApiCalls.assertProblem;
import static org.conpaas.kit.test.ApiCalls.call;

/**
 * Code uploads on real PostgreSQL and RabbitMQ with small code limits: a refused archive leaves
 * no version, no row and no file; old versions are pruned (files too), the enabled one never; any
 * Content-Type but a multipart form is an archive; a node's refusal (node.code-refused) shows on its version.
 */
@ServiceIntegrationTest
@Import(TestTokenDecoder.class)
@TestPropertySource(properties = {
        "conpaas.services.code-dir=${user.dir}/target/code-upload-it",
        "conpaas.services.code-limits.max-unpacked-size=1MB",
        "conpaas.services.code-limits.max-entries=20",
        "conpaas.services.code-limits.max-versions=2"})
class CodeUploadIT {

    private static final Path CODE = Path.of(System.getProperty("user.dir"), "target/code-upload-it");

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ConnectionFactory rabbit;
    @Autowired
    IntegrationEventCodec codec;
    @Value("${conpaas.bus.exchange}")
    String exchange;

    private final ObjectMapper json = new ObjectMapper();
    private final String token = TestTokens.ISSUER.user(UUID.randomUUID().toString(), "alice");
    private String app;
    private String svc;

    @BeforeEach
    void setUp() throws Exception {
        app = json.readTree(call(http, HttpMethod.POST, "/api/apps", token, "{\"name\":\"shop\"}").getBody()).get("id").asText();
        svc = json.readTree(call(http, HttpMethod.POST, base(), token, "{\"type\":\"web\",\"name\":\"site\"}").getBody()).get("id").asText();
    }

    @Test
    void aRefusedArchiveStoresNothing() throws Exception {
        assertProblem(upload(TestArchives.zipBomb("zeros.bin", 64L << 20), "application/zip"), HttpStatus.PAYLOAD_TOO_LARGE,
                "the code archive unpacks to more than 1 MiB (passed at entry 'zeros.bin')");
        assertProblem(upload(TestArchives.zip("index.html", "hi", "../../etc/cron.d/evil", "pwned"), "application/zip"),
                HttpStatus.BAD_REQUEST, "archive entry '../../etc/cron.d/evil' is not a relative path inside the code directory");
        assertProblem(upload(new TestArchives.TarGz().special("www", org.apache.commons.compress.archivers.tar.TarConstants.LF_SYMLINK,
                "/etc").bytes(), "application/gzip"), HttpStatus.BAD_REQUEST, "archive entry 'www' is a symbolic link; links are refused");
        TestArchives.Zip many = new TestArchives.Zip();
        for (int i = 0; i < 21; i++) {
            many.file("f" + i, "");
        }
        assertProblem(upload(many.bytes(), "application/zip"), HttpStatus.PAYLOAD_TOO_LARGE, "more than 20 entries");

        JsonNode shown = show();
        assertThat(shown.get("codeVersion").asInt()).isZero();
        assertThat(shown.get("codeVersions")).isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM service_code_version WHERE service_id = ?::uuid", Integer.class, svc)).isZero();
        assertThat(Files.exists(CODE.resolve(svc))).isFalse();
        assertThat(leftOverUploads()).isEmpty();
        assertThat(call(http, HttpMethod.GET, base() + "/" + svc + "/code", token, null).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void oldVersionsArePrunedTheEnabledOneIsKept() throws Exception {
        for (int v = 1; v <= 4; v++) {
            assertThat(upload(TestArchives.zip("index.html", "v" + v), "application/zip").getStatusCode()).isEqualTo(HttpStatus.CREATED);
        }

        JsonNode shown = show();
        assertThat(shown.get("codeVersion").asInt()).isEqualTo(4);
        List<Integer> kept = new ArrayList<>();
        shown.get("codeVersions").forEach(v -> kept.add(v.get("version").asInt()));
        assertThat(kept).containsExactly(3, 4);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(archives()).containsExactlyInAnyOrder("3.archive", "4.archive"));
        ResponseEntity<byte[]> latest = http.exchange(base() + "/" + svc + "/code", HttpMethod.GET, new HttpEntity<>(auth()), byte[].class);
        assertThat(latest.getHeaders().getFirst("X-Code-Version")).isEqualTo("4");
    }

    @Test
    void anyContentTypeButAFormIsAnArchive() throws Exception {
        for (String type : new String[]{"application/x-www-form-urlencoded", "application/octet-stream", "application/zip", "application/x-zip-compressed"}) {
            ResponseEntity<String> uploaded = upload(TestArchives.zip("index.html", type), type);
            assertThat(uploaded.getStatusCode()).as(type + ": " + uploaded.getBody()).isEqualTo(HttpStatus.CREATED);
        }
        for (String type : new String[]{"application/gzip", "application/x-tar", "application/x-gzip"}) {
            ResponseEntity<String> uploaded = upload(new TestArchives.TarGz().file("index.html", type).bytes(), type);
            assertThat(uploaded.getStatusCode()).as(type + ": " + uploaded.getBody()).isEqualTo(HttpStatus.CREATED);
        }
        ResponseEntity<String> noType = upload(TestArchives.zip("index.html", "none"), null);
        assertThat(noType.getStatusCode()).as(noType.getBody()).isEqualTo(HttpStatus.CREATED);

        assertProblem(upload(TestArchives.zip("index.html", "form"), "multipart/form-data; boundary=x"), HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "send the code archive itself as the request body (curl --data-binary @code.zip)");
        assertThat(show().get("codeVersion").asInt()).isEqualTo(8);
    }

    @Test
    void aNodesRefusalShowsOnTheVersion() throws Exception {
        upload(TestArchives.zip("index.html", "v1"), "application/zip");
        try (BusProbe bus = new BusProbe(rabbit, codec, exchange, "service.*")) {
            bus.send(new NodeCodeRefused(new EventHeader(UUID.randomUUID(), "node.code-refused", 1, Instant.now(), "test"),
                    NodeId.of("node-7"), ServiceId.of(svc), ApplicationId.of(app), 1,
                    "the code archive unpacks to more than 64 MiB, this node's limit (passed at entry 'zeros.bin')"));
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode version = show().get("codeVersions").get(0);
            assertThat(version.get("refusedBy").asText()).isEqualTo("node-7");
            assertThat(version.get("refusal").asText()).contains("unpacks to more than 64 MiB");
        });
    }

    private ResponseEntity<String> upload(byte[] body, String contentType) {
        HttpHeaders headers = auth();
        if (contentType != null) {
            headers.set(HttpHeaders.CONTENT_TYPE, contentType);
        }
        return http.exchange(base() + "/" + svc + "/code", HttpMethod.PUT, new HttpEntity<>(body, headers), String.class);
    }

    private List<String> archives() throws Exception {
        try (var files = Files.list(CODE.resolve(svc))) {
            return files.map(f -> f.getFileName().toString()).toList();
        }
    }

    private List<Path> leftOverUploads() throws Exception {
        if (!Files.isDirectory(CODE)) {
            return List.of();
        }
        try (var files = Files.walk(CODE)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".part")).toList();
        }
    }

    private JsonNode show() throws Exception {
        return json.readTree(call(http, HttpMethod.GET, base() + "/" + svc, token, null).getBody());
    }

    private String base() {
        return "/api/apps/" + app + "/services";
    }

    private HttpHeaders auth() {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        return headers;
    }
}
