package org.conpaas.identity.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.SignedJWT;
import org.conpaas.kit.bus.IntegrationEventCodec;
import org.conpaas.kit.test.ApiCalls;
import org.conpaas.kit.test.BusProbe;
import org.conpaas.kit.test.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.conpaas.kit.test.ApiCalls.assertProblem;

/**
 * Disabling a user, logging out and reusing a refresh token revoke access tokens within seconds:
 * identity-service publishes user.disabled / user.session-ended, and the kit's revocation queue
 * (the same every service has) makes the token check refuse them, known tokens included.
 */
@ServiceIntegrationTest
@TestPropertySource(properties = "conpaas.identity.admin.password=admin-secret-123")
class SessionRevocationIT {

    private static final Duration WITHIN = Duration.ofSeconds(10);

    @Autowired
    TestRestTemplate http;
    @Autowired
    ConnectionFactory rabbit;
    @Autowired
    IntegrationEventCodec codec;
    @Value("${conpaas.bus.exchange}")
    String exchange;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aDisabledUsersTokensStopWorkingAndOnceEnabledAgainANewLoginWorks() throws Exception {
        String admin = login("admin", "admin-secret-123").get("accessToken").asText();
        String id = addUser(admin, "dave");
        String token = login("dave", "dave-secret-1").get("accessToken").asText();
        assertThat(me(token).getStatusCode()).isEqualTo(HttpStatus.OK);

        assertThat(call(HttpMethod.POST, "/api/users/" + id + "/disable", admin, null).getStatusCode()).isEqualTo(HttpStatus.OK);

        await().atMost(WITHIN).until(() -> me(token).getStatusCode() == HttpStatus.UNAUTHORIZED);
        assertProblem(me(token), HttpStatus.UNAUTHORIZED, "revoked");

        assertThat(call(HttpMethod.POST, "/api/users/" + id + "/enable", admin, null).getStatusCode()).isEqualTo(HttpStatus.OK);
        // at once, within the disabling's second too (iat_ms)
        assertThat(me(login("dave", "dave-secret-1").get("accessToken").asText()).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(me(token).getStatusCode()).as("the old token stays revoked").isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void loggingOutEndsThatSessionsTokensAndNoOther() throws Exception {
        String admin = login("admin", "admin-secret-123").get("accessToken").asText();
        String id = addUser(admin, "erin");
        try (BusProbe bus = new BusProbe(rabbit, codec, exchange, "user.session-ended")) {
            JsonNode first = login("erin", "erin-secret-1");
            JsonNode second = login("erin", "erin-secret-1");
            String token = first.get("accessToken").asText();
            assertThat(me(token).getStatusCode()).isEqualTo(HttpStatus.OK);

            ResponseEntity<String> out = call(HttpMethod.POST, "/api/auth/logout", null,
                    "{\"refreshToken\":\"" + first.get("refreshToken").asText() + "\"}");
            assertThat(out.getStatusCode()).isEqualTo(HttpStatus.OK);

            await().atMost(WITHIN).until(() -> me(token).getStatusCode() == HttpStatus.UNAUTHORIZED);
            assertThat(me(second.get("accessToken").asText()).getStatusCode()).as("another session").isEqualTo(HttpStatus.OK);
            assertProblem(refresh(first.get("refreshToken").asText()), HttpStatus.UNAUTHORIZED, "log in again");
            assertThat(bus.receive(1, "user.session-ended", id).get(0))
                    .contains("\"sessionId\":\"" + sid(token) + "\"").contains("\"reason\":\"logged-out\"");
        }
    }

    @Test
    void reusingARefreshTokenEndsItsWholeFamily() throws Exception {
        String admin = login("admin", "admin-secret-123").get("accessToken").asText();
        addUser(admin, "frank");
        JsonNode first = login("frank", "frank-secret-1");
        ResponseEntity<String> refreshed = refresh(first.get("refreshToken").asText());
        assertThat(refreshed.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode second = json.readTree(refreshed.getBody());
        String token = second.get("accessToken").asText();
        assertThat(sid(token)).as("one session").isEqualTo(sid(first.get("accessToken").asText()));
        assertThat(me(token).getStatusCode()).isEqualTo(HttpStatus.OK);

        assertProblem(refresh(first.get("refreshToken").asText()), HttpStatus.UNAUTHORIZED, "already used");

        assertProblem(refresh(second.get("refreshToken").asText()), HttpStatus.UNAUTHORIZED, "log in again");
        await().atMost(WITHIN).until(() -> me(token).getStatusCode() == HttpStatus.UNAUTHORIZED);
        assertThat(me(first.get("accessToken").asText()).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(me(login("frank", "frank-secret-1").get("accessToken").asText()).getStatusCode())
                .as("a new login is a new session").isEqualTo(HttpStatus.OK);
    }

    private String addUser(String admin, String name) throws Exception {
        ResponseEntity<String> added = call(HttpMethod.POST, "/api/users", admin,
                "{\"username\":\"" + name + "\",\"password\":\"" + name + "-secret-1\"}");
        assertThat(added.getStatusCode()).as(added.getBody()).isEqualTo(HttpStatus.CREATED);
        return json.readTree(added.getBody()).get("id").asText();
    }

    private static String sid(String token) throws Exception {
        return SignedJWT.parse(token).getJWTClaimsSet().getStringClaim("sid");
    }

    private JsonNode login(String username, String password) throws Exception {
        ResponseEntity<String> r = call(HttpMethod.POST, "/api/auth/login", null,
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
        assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(HttpStatus.OK);
        return json.readTree(r.getBody());
    }

    private ResponseEntity<String> refresh(String refreshToken) {
        return call(HttpMethod.POST, "/api/auth/refresh", null, "{\"refreshToken\":\"" + refreshToken + "\"}");
    }

    private ResponseEntity<String> me(String token) {
        return call(HttpMethod.GET, "/api/me", token, null);
    }

    private ResponseEntity<String> call(HttpMethod method, String path, String token, String body) {
        return ApiCalls.call(http, method, path, token, body);
    }
}
