package org.conpaas.app.application;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.conpaas.kit.test.ApiCalls;
import org.conpaas.kit.test.ServiceIntegrationTest;
import org.conpaas.kit.test.TestTokenDecoder;
import org.conpaas.kit.test.TestTokens;
import org.springframework.context.annotation.Import;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** app-service on real PostgreSQL and RabbitMQ: the /api/apps contract and app.* publication. */
@ServiceIntegrationTest
@Import(TestTokenDecoder.class)
class ApplicationApiIT {

    private static final TestTokens TOKENS = TestTokens.ISSUER;


    @Autowired
    TestRestTemplate http;
    @Autowired
    ConnectionFactory rabbit;
    @Autowired
    JdbcTemplate jdbc;
    @Value("${conpaas.bus.exchange}")
    String exchange;

    private final ObjectMapper json = new ObjectMapper();
    private final String alice = UUID.randomUUID().toString();
    private final String bob = UUID.randomUUID().toString();
    private RabbitAdmin admin;
    private Queue probe;

    @BeforeEach
    void bindProbeQueue() {
        admin = new RabbitAdmin(rabbit);
        probe = admin.declareQueue();
        admin.declareBinding(BindingBuilder.bind(probe).to(new TopicExchange(exchange)).with("app.*"));
    }

    @AfterEach
    void dropProbe() {
        admin.deleteQueue(probe.getName());
    }

    @Test
    void oneAccountHoldsAtMostAHundredApplications() throws Exception {
        String owner = TOKENS.user(java.util.UUID.randomUUID().toString(), "hoarder");
        for (int i = 1; i <= 100; i++) {
            assertThat(call(HttpMethod.POST, "/api/apps", owner, "{\"name\":\"app-" + i + "\"}").getStatusCode()).isEqualTo(HttpStatus.CREATED);
        }
        assertProblem(call(HttpMethod.POST, "/api/apps", owner, "{\"name\":\"one-too-many\"}"), HttpStatus.CONFLICT,
                "you have 100 applications, as many as one account may hold; delete one first");
        String first = json.readTree(call(HttpMethod.GET, "/api/apps", owner, null).getBody()).get(0).get("id").asText();
        assertThat(call(HttpMethod.DELETE, "/api/apps/" + first, owner, null).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(call(HttpMethod.POST, "/api/apps", owner, "{\"name\":\"one-too-many\"}").getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void ownerCreatesListsRenamesAndDeletesApplications() throws Exception {
        String token = TOKENS.user(alice, "alice");
        ResponseEntity<String> created = call(HttpMethod.POST, "/api/apps", token, "{\"name\":\"shop\"}");
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        JsonNode shop = json.readTree(created.getBody());
        assertThat(shop.get("name").asText()).isEqualTo("shop");
        assertThat(shop.get("ownerId").asText()).isEqualTo(alice);
        assertThat(created.getHeaders().getLocation()).hasToString("/api/apps/" + shop.get("id").asText());
        String blogId = json.readTree(call(HttpMethod.POST, "/api/apps", token, "{\"name\":\"blog\"}").getBody()).get("id").asText();

        ResponseEntity<String> renamed = call(HttpMethod.PATCH, "/api/apps/" + shop.get("id").asText(), token, "{\"name\":\"web-shop\"}");
        assertThat(renamed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(json.readTree(renamed.getBody()).get("name").asText()).isEqualTo("web-shop");

        assertThat(call(HttpMethod.DELETE, "/api/apps/" + blogId, token, null).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        JsonNode list = json.readTree(call(HttpMethod.GET, "/api/apps", token, null).getBody());
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("name").asText()).isEqualTo("web-shop");
        assertThat(call(HttpMethod.GET, "/api/apps/" + blogId, token, null).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

        List<String> published = new ArrayList<>();
        RabbitTemplate template = new RabbitTemplate(rabbit);
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            Message m = template.receive(probe.getName());
            if (m != null) {
                published.add(m.getMessageProperties().getReceivedRoutingKey());
            }
            return published.size() >= 4;
        });
        assertThat(published).containsExactly("app.created", "app.created", "app.renamed", "app.deleted");
    }

    @Test
    void anotherUserSeesAndChangesNothingButAnAdminSeesAll() throws Exception {
        String shopId = json.readTree(call(HttpMethod.POST, "/api/apps", TOKENS.user(alice, "alice"), "{\"name\":\"private\"}").getBody())
                .get("id").asText();
        String bobs = TOKENS.user(bob, "bob");
        assertThat(json.readTree(call(HttpMethod.GET, "/api/apps", bobs, null).getBody())).isEmpty();
        assertProblem(call(HttpMethod.GET, "/api/apps/" + shopId, bobs, null), HttpStatus.NOT_FOUND, "no application");
        assertProblem(call(HttpMethod.PATCH, "/api/apps/" + shopId, bobs, "{\"name\":\"mine\"}"), HttpStatus.NOT_FOUND, "no application");
        assertProblem(call(HttpMethod.DELETE, "/api/apps/" + shopId, bobs, null), HttpStatus.NOT_FOUND, "no application");

        JsonNode all = json.readTree(call(HttpMethod.GET, "/api/apps", TOKENS.admin(UUID.randomUUID().toString(), "admin"), null).getBody());
        assertThat(all.findValuesAsText("id")).contains(shopId);
        assertThat(json.readTree(call(HttpMethod.GET, "/api/apps/" + shopId, TOKENS.user(alice, "alice"), null).getBody())
                .get("name").asText()).isEqualTo("private");
    }

    @Test
    void badInputGetsAProblemAndStoresNothing() {
        String token = TOKENS.user(alice, "alice");
        Long eventsBefore = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        assertProblem(call(HttpMethod.POST, "/api/apps", token, "{\"name\":"), HttpStatus.BAD_REQUEST, "not valid JSON");
        assertProblem(call(HttpMethod.POST, "/api/apps", token, "{}"), HttpStatus.BAD_REQUEST, "name is required");
        assertProblem(call(HttpMethod.POST, "/api/apps", token, "{\"name\":\"" + "x".repeat(500) + "\"}"),
                HttpStatus.BAD_REQUEST, "1 to 64 characters, was 500");
        assertProblem(call(HttpMethod.POST, "/api/apps", token, "{\"name\":[1,2]}"), HttpStatus.BAD_REQUEST, "field 'name' must be text");
        assertProblem(call(HttpMethod.POST, "/api/apps", token, "{\"name\":\"" + "y".repeat(2_000_000) + "\"}"),
                HttpStatus.PAYLOAD_TOO_LARGE, "at most");
        assertProblem(call(HttpMethod.GET, "/api/apps/not-a-uuid", token, null), HttpStatus.NOT_FOUND, "no application");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class)).isEqualTo(eventsBefore);

        call(HttpMethod.POST, "/api/apps", token, "{\"name\":\"Twice\"}");
        assertProblem(call(HttpMethod.POST, "/api/apps", token, "{\"name\":\"twice\"}"), HttpStatus.CONFLICT, "exists already");
        assertThat(call(HttpMethod.POST, "/api/apps", TOKENS.user(bob, "bob"), "{\"name\":\"twice\"}").getStatusCode())
                .as("names are unique per user, not globally").isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void namesFollowTheRulesOnCreateAndRename() throws Exception {
        String token = TOKENS.user(alice, "alice");
        Long eventsBefore = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        assertProblem(call(HttpMethod.POST, "/api/apps", token, "{\"name\":\"pay\u202Egnp.exe\"}"),
                HttpStatus.BAD_REQUEST, "name must not contain bidirectional control characters");
        assertProblem(call(HttpMethod.POST, "/api/apps", token, "{\"name\":\"sh\u200Bop\"}"),
                HttpStatus.BAD_REQUEST, "name must not contain zero-width characters");
        assertProblem(call(HttpMethod.POST, "/api/apps", token, "{\"name\":\"\uFEFFshop\"}"),
                HttpStatus.BAD_REQUEST, "name must not contain zero-width characters");
        assertProblem(call(HttpMethod.POST, "/api/apps", token, "{\"name\":\" shop\"}"),
                HttpStatus.BAD_REQUEST, "name must not start or end with whitespace");
        assertProblem(call(HttpMethod.POST, "/api/apps", token, "{\"name\":\"a\u0085b\"}"),
                HttpStatus.BAD_REQUEST, "name must not contain control characters");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class)).isEqualTo(eventsBefore);

        // "é" as e + combining acute is stored as the one character U+00E9 and collides with it
        JsonNode cafe = json.readTree(call(HttpMethod.POST, "/api/apps", token, "{\"name\":\"cafe\u0301\"}").getBody());
        assertThat(cafe.get("name").asText()).isEqualTo("caf\u00E9");
        assertProblem(call(HttpMethod.POST, "/api/apps", token, "{\"name\":\"CAF\u00C9\"}"), HttpStatus.CONFLICT, "exists already");

        String path = "/api/apps/" + cafe.get("id").asText();
        assertProblem(call(HttpMethod.PATCH, path, token, "{\"name\":\"caf\u200D\u00E9\"}"),
                HttpStatus.BAD_REQUEST, "name must not contain zero-width characters");
        assertProblem(call(HttpMethod.PATCH, path, token, "{\"name\":\"\u2067caf\u00E9\"}"),
                HttpStatus.BAD_REQUEST, "name must not contain bidirectional control characters");
        assertProblem(call(HttpMethod.PATCH, path, token, "{\"name\":\"caf\u00E9 \"}"),
                HttpStatus.BAD_REQUEST, "name must not start or end with whitespace");
        assertThat(json.readTree(call(HttpMethod.GET, path, token, null).getBody()).get("name").asText()).isEqualTo("caf\u00E9");
    }

    @Test
    void refusesMissingForeignAndExpiredTokens() {
        assertProblem(call(HttpMethod.GET, "/api/apps", null, null), HttpStatus.UNAUTHORIZED, "log in");
        String foreign = new TestTokens("conpaas").user(alice, "alice");
        assertProblem(call(HttpMethod.GET, "/api/apps", foreign, null), HttpStatus.UNAUTHORIZED, "refused");
        String expired = TOKENS.token(alice, "alice", "user", Instant.now().minusSeconds(3600));
        assertProblem(call(HttpMethod.GET, "/api/apps", expired, null), HttpStatus.UNAUTHORIZED, "expired");
        String otherIssuer = new TestTokens("someone-else").user(alice, "alice");
        assertThat(call(HttpMethod.GET, "/api/apps", otherIssuer, null).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    private ResponseEntity<String> call(HttpMethod method, String path, String token, String body) {
        return ApiCalls.call(http, method, path, token, body);
    }

    private static void assertProblem(ResponseEntity<String> response, HttpStatus status, String detailPart) {
        ApiCalls.assertProblem(response, status, detailPart);
    }
}
