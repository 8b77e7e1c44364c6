package org.conpaas.identity.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.SignedJWT;
import org.conpaas.kit.test.ApiCalls;
import org.conpaas.kit.test.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An administrator rotates the signing key: the old key verifies until its tokens have expired, then it is gone. */
@ServiceIntegrationTest
@TestPropertySource(properties = {
        "conpaas.identity.admin.password=admin-secret-123",
        "conpaas.identity.token.access-ttl=6s",
        "conpaas.identity.signing-key.grace=1s"})
class SigningKeyRotationIT {

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void rotationSignsWithANewKeyAndKeepsTheOldOneUntilItsTokensExpire() throws Exception {
        String before = login("admin", "admin-secret-123");
        String oldKid = kid(before);
        assertThat(jwksKids()).containsExactly(oldKid);

        ResponseEntity<String> rotated = call(HttpMethod.POST, "/api/auth/signing-keys/rotate", before);
        assertThat(rotated.getStatusCode()).as(rotated.getBody()).isEqualTo(HttpStatus.OK);
        JsonNode result = json.readTree(rotated.getBody());
        String newKid = result.get("signingKeyId").asText();
        assertThat(newKid).isNotEqualTo(oldKid);
        assertThat(result.get("publishedKeyIds")).extracting(JsonNode::asText).containsExactly(newKid, oldKid);

        assertThat(call(HttpMethod.GET, "/api/me", before).getStatusCode()).as("a token of the old key still works")
                .isEqualTo(HttpStatus.OK);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM signing_key WHERE id = ? AND private_key IS NULL "
                + "AND encrypted_private_key IS NULL", Integer.class, oldKid)).as("the retired key's private half is erased").isOne();
        String after = login("admin", "admin-secret-123");
        assertThat(kid(after)).isEqualTo(newKid);
        assertThat(jwksKids()).containsExactly(newKid, oldKid);
        assertThat(call(HttpMethod.GET, "/api/me", after).getStatusCode()).isEqualTo(HttpStatus.OK);

        // access-ttl (6 s) + grace (1 s) after the rotation, every token of the old key has expired: the key goes
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> jwksKids().equals(List.of(newKid)));
        assertThat(jdbc.queryForList("SELECT id FROM signing_key", String.class)).containsExactly(newKid);
        assertThat(call(HttpMethod.GET, "/api/me", before).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(kid(login("admin", "admin-secret-123"))).isEqualTo(newKid);
    }

    @Test
    void onlyAnAdministratorRotates() {
        String admin = login("admin", "admin-secret-123");
        ResponseEntity<String> added = call(HttpMethod.POST, "/api/users", admin,
                "{\"username\":\"mallory\",\"password\":\"mallory-secret-1\"}");
        assertThat(added.getStatusCode()).as(added.getBody()).isEqualTo(HttpStatus.CREATED);
        String before = jdbc.queryForObject("SELECT string_agg(id, ',' ORDER BY id) FROM signing_key", String.class);

        ApiCalls.assertProblem(call(HttpMethod.POST, "/api/auth/signing-keys/rotate", login("mallory", "mallory-secret-1")),
                HttpStatus.FORBIDDEN, "only administrators rotate the token-signing key");
        ApiCalls.assertProblem(call(HttpMethod.POST, "/api/auth/signing-keys/rotate", null), HttpStatus.UNAUTHORIZED, "log in first");
        assertThat(jdbc.queryForObject("SELECT string_agg(id, ',' ORDER BY id) FROM signing_key", String.class)).isEqualTo(before);
    }

    private List<String> jwksKids() throws Exception {
        JsonNode keys = json.readTree(http.getForObject("/.well-known/jwks.json", String.class)).get("keys");
        keys.forEach(k -> assertThat(k.has("d")).as("no private half in the JWKS").isFalse());
        return StreamSupport.stream(keys.spliterator(), false).map(k -> k.get("kid").asText()).toList();
    }

    private String login(String user, String password) {
        ResponseEntity<String> answer = call(HttpMethod.POST, "/api/auth/login", null,
                "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}");
        assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.OK);
        try {
            return json.readTree(answer.getBody()).get("accessToken").asText();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String kid(String token) throws Exception {
        return SignedJWT.parse(token).getHeader().getKeyID();
    }

    private ResponseEntity<String> call(HttpMethod method, String path, String token) {
        return call(method, path, token, null);
    }

    private ResponseEntity<String> call(HttpMethod method, String path, String token, String body) {
        return ApiCalls.call(http, method, path, token, body);
    }
}
