package org.conpaas.app.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.conpaas.kit.test.ServiceIntegrationTest;
import org.conpaas.kit.test.TestTokenDecoder;
import org.conpaas.kit.test.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.conpaas.kit.test.ApiCalls.assertProblem;
import static org.conpaas.kit.test.ApiCalls.call;

/**
 * app-service on real PostgreSQL and RabbitMQ: a manifest pushed to an application adds its
 * services with their environment, health path and bindings and starts them; pushed again it
 * changes nothing (no event is stored); a bad one is refused with every problem and changes
 * nothing; the application exports as the manifest it was pushed with.
 */
@ServiceIntegrationTest
@Import(TestTokenDecoder.class)
@TestPropertySource(properties = "conpaas.services.clouds.local.images=conpaas-php,conpaas-mysql")
class ManifestIT {

    private static final String MANIFEST = """
            application: shop
            services:
              - name: db
                type: mysql
                nodes: 1
              - name: site
                type: php
                code: ./site
                nodes: 2
                environment: {GREETING: hello, API_KEY: s3cret-value}
                secrets: [API_KEY]
                health: /health
                bind: [db]
              - name: workers
                type: generic
                nodes: 0
                environment: {QUEUE: jobs}
            """;

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;

    private final ObjectMapper json = new ObjectMapper();
    private final String token = TestTokens.ISSUER.user(UUID.randomUUID().toString(), "alice");
    private String app;

    @BeforeEach
    void setUp() throws Exception {
        app = json.readTree(call(http, HttpMethod.POST, "/api/apps", token, "{\"name\":\"shop\"}").getBody()).get("id").asText();
    }

    @Test
    void aPushAddsConfiguresAndStartsTheServicesAndASecondPushChangesNothing() throws Exception {
        JsonNode first = push(MANIFEST, HttpStatus.OK);
        assertThat(strings(first.get("steps"))).containsExactly(
                "db: added (mysql)", "db: started with 1 node",
                "site: added (php)", "site: environment set API_KEY, GREETING", "site: health check GET /health",
                "site: bound to db (database site)", "site: started with 2 nodes",
                "workers: added (generic)", "workers: environment set QUEUE");
        JsonNode site = service("site");
        assertThat(site.get("state").asText()).isEqualTo("PROLOGUE");
        assertThat(site.get("bindings").get(0).get("serviceName").asText()).isEqualTo("db");
        assertThat(site.get("release").get("healthPath").asText()).isEqualTo("/health");
        assertThat(site.toString()).doesNotContain("s3cret-value");

        long events = events();
        JsonNode again = push(MANIFEST, HttpStatus.OK);
        assertThat(again.get("changed").asBoolean()).isFalse();
        assertThat(again.get("steps")).isEmpty();
        assertThat(events()).as("an unchanged manifest stores no event").isEqualTo(events);

        JsonNode edited = push(MANIFEST.replace("{GREETING: hello, API_KEY: s3cret-value}", "{GREETING: hi, API_KEY: other}")
                .replace("bind: [db]", "bind: []"), HttpStatus.OK);
        assertThat(strings(edited.get("steps"))).as("a secret set already keeps its value; the rest follows the manifest")
                .containsExactly("site: environment set GREETING", "site: unbound from db");
        JsonNode scaled = push(MANIFEST.replace("nodes: 2", "nodes: 3"), HttpStatus.OK);
        assertThat(strings(scaled.get("notes"))).contains("site: PROLOGUE; its nodes change once it is RUNNING");
        assertThat(scaled.get("pending").asBoolean()).as("cps pushes again once the services settle").isTrue();
    }

    @Test
    void aBadManifestIsRefusedWithEveryProblemAndChangesNothing() throws Exception {
        ResponseEntity<String> refused = put("""
                application: other
                services:
                  - name: db
                    type: mysql
                  - name: site
                    type: php
                    health: no-slash
                    bind: [db, workers, nowhere]
                    environment: {CONPAAS_X: "1"}
                  - name: workers
                    type: generic
                    health: /health
                    nodes: {backend: 2}
                  - name: big
                    type: scalaris
                """, "application/yaml");
        assertProblem(refused, HttpStatus.BAD_REQUEST, "problems; nothing was changed");
        List<String> errors = strings(json.readTree(refused.getBody()).get("errors"));
        assertThat(errors).hasSize(8).anySatisfy(e -> assertThat(e).startsWith("application: the manifest is for application other"))
                .anySatisfy(e -> assertThat(e).startsWith("services[1] (site).health: the health-check path must start with /"))
                .contains("services[1] (site).bind: workers is a generic service: only mysql services can be bound",
                        "services[1] (site).bind: the application has no service nowhere and the manifest adds none",
                        "services[1] (site).environment: CONPAAS_X: names starting with CONPAAS_ are set by the platform",
                        "services[2] (workers).health: a generic service has no health check; php and java services do",
                        "services[2] (workers).nodes: counts per role are for php and java services; give a number")
                .anySatisfy(e -> assertThat(e).startsWith("services[3] (big).type: type must be one of"));
        assertThat(json.readTree(call(http, HttpMethod.GET, "/api/apps/" + app + "/services", token, null).getBody())).isEmpty();
        assertProblem(put("{\"services\": [", "application/json"), HttpStatus.BAD_REQUEST, "the manifest is not JSON at line 1");
    }

    @Test
    void anApplicationExportsAsTheManifestItWasPushedWith() throws Exception {
        push(MANIFEST, HttpStatus.OK);
        JsonNode exported = json.readTree(call(http, HttpMethod.GET, "/api/apps/" + app + "/manifest", token, null).getBody());
        assertThat(exported.get("application").asText()).isEqualTo("shop");
        JsonNode site = exported.get("services").get(1);
        assertThat(site.toString()).isEqualTo("{\"name\":\"site\",\"type\":\"php\",\"nodes\":2,\"environment\":{\"GREETING\":\"hello\"},"
                + "\"secrets\":[\"API_KEY\"],\"health\":\"/health\",\"bind\":[\"db\"]}");
        assertThat(exported.get("services").get(2).get("nodes").asInt()).isZero();
        ResponseEntity<String> pushedBack = put(exported.toString(), "application/json");
        assertThat(json.readTree(pushedBack.getBody()).get("changed").asBoolean()).as(pushedBack.getBody()).isFalse();
    }

    private JsonNode push(String manifest, HttpStatus expected) throws Exception {
        ResponseEntity<String> answer = put(manifest, "application/yaml");
        assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(expected);
        return json.readTree(answer.getBody());
    }

    private ResponseEntity<String> put(String body, String contentType) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        headers.setContentType(MediaType.parseMediaType(contentType));
        return http.exchange("/api/apps/" + app + "/manifest", HttpMethod.PUT, new HttpEntity<>(body, headers), String.class);
    }

    private JsonNode service(String name) throws Exception {
        for (JsonNode s : json.readTree(call(http, HttpMethod.GET, "/api/apps/" + app + "/services", token, null).getBody())) {
            if (s.get("name").asText().equals(name)) {
                return json.readTree(call(http, HttpMethod.GET, "/api/apps/" + app + "/services/" + s.get("id").asText(), token, null)
                        .getBody());
            }
        }
        throw new AssertionError("no service " + name);
    }

    private long events() {
        Long n = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        return n == null ? 0 : n;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
