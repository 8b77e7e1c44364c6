package org.conpaas.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.conpaas.identity.token.SigningKeys;
import org.conpaas.kit.test.ApiCalls;
import org.conpaas.kit.test.ServiceIntegrationTest;
import org.conpaas.kit.test.TestTokens;
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
import org.springframework.test.context.TestPropertySource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** identity-service on real PostgreSQL and RabbitMQ: bootstrap, users, login, tokens, events. */
@ServiceIntegrationTest
@TestPropertySource(properties = {
        "conpaas.identity.admin.password=admin-secret-123",
        "conpaas.identity.admin.password-file=${java.io.tmpdir}/conpaas-identity-it/admin-password"})
class IdentityApiIT {

    @Autowired
    TestRestTemplate http;
    @Autowired
    ConnectionFactory rabbit;
    @Autowired
    SigningKeys keys;
    @Value("${conpaas.bus.exchange}")
    String exchange;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theAdministratorAddsAUserWhoLogsInRefreshesAndIsSeenOnTheBus() throws Exception {
        RabbitAdmin admin = new RabbitAdmin(rabbit);
        Queue probe = admin.declareQueue();
        TopicExchange events = new TopicExchange(exchange); // as the binder declares it: durable topic
        admin.declareExchange(events);
        admin.declareBinding(BindingBuilder.bind(probe).to(events).with("user.*"));

        String adminToken = login("admin", "admin-secret-123").get("accessToken").asText();
        Path passwordFile = Path.of(System.getProperty("java.io.tmpdir"), "conpaas-identity-it", "admin-password");
        assertThat(Files.readString(passwordFile).strip()).isEqualTo("admin-secret-123");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile))).isEqualTo("rw-------");

        ResponseEntity<String> added = call(HttpMethod.POST, "/api/users", adminToken,
                "{\"username\":\"Alice\",\"email\":\"alice@example.org\",\"affiliation\":\"VU\",\"password\":\"alice-secret-1\"}");
        assertThat(added.getStatusCode()).as(added.getBody()).isEqualTo(HttpStatus.CREATED);
        JsonNode alice = json.readTree(added.getBody());
        assertThat(alice.get("username").asText()).isEqualTo("alice");
        assertThat(alice.get("role").asText()).isEqualTo("user");
        assertThat(alice.get("credit").asLong()).isEqualTo(50);
        assertThat(added.getBody()).doesNotContain("password").doesNotContain("$2a$");

        JsonNode tokens = login("alice", "alice-secret-1");
        String token = tokens.get("accessToken").asText();
        assertThat(tokens.get("tokenType").asText()).isEqualTo("Bearer");
        JsonNode me = json.readTree(call(HttpMethod.GET, "/api/me", token, null).getBody());
        assertThat(me.get("id").asText()).isEqualTo(alice.get("id").asText());

        ResponseEntity<String> refreshed = call(HttpMethod.POST, "/api/auth/refresh", null,
                "{\"refreshToken\":\"" + tokens.get("refreshToken").asText() + "\"}");
        assertThat(refreshed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertProblem(call(HttpMethod.POST, "/api/auth/refresh", null,
                "{\"refreshToken\":\"" + tokens.get("refreshToken").asText() + "\"}"), HttpStatus.UNAUTHORIZED, "already used");

        ResponseEntity<String> credited = call(HttpMethod.POST, "/api/users/" + alice.get("id").asText() + "/credit",
                adminToken, "{\"delta\":-10,\"reason\":\"test\"}");
        assertThat(json.readTree(credited.getBody()).get("credit").asLong()).isEqualTo(40);

        List<String> seen = new ArrayList<>();
        RabbitTemplate template = new RabbitTemplate(rabbit);
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            Message m = template.receive(probe.getName());
            if (m != null) {
                seen.add(m.getMessageProperties().getReceivedRoutingKey() + " " + new String(m.getBody()));
            }
            return seen.stream().anyMatch(s -> s.startsWith("user.credit-changed") && s.contains("\"balance\":40"));
        });
        assertThat(seen).anySatisfy(s -> assertThat(s).startsWith("user.registered")
                .contains("\"username\":\"alice\"").doesNotContain("$2a$"));
        admin.deleteQueue(probe.getName());
    }

    @Test
    void refusesWhatItShould() throws Exception {
        String adminToken = login("admin", "admin-secret-123").get("accessToken").asText();
        call(HttpMethod.POST, "/api/users", adminToken, "{\"username\":\"bob\",\"password\":\"bob-secret-1\"}");
        JsonNode bobTokens = login("bob", "bob-secret-1");
        String bob = bobTokens.get("accessToken").asText();

        assertProblem(call(HttpMethod.POST, "/api/auth/login", null, "{\"username\":\"bob\",\"password\":\"wrong-one\"}"),
                HttpStatus.UNAUTHORIZED, "wrong username or password");
        assertProblem(call(HttpMethod.POST, "/api/auth/login", null, "{\"username\":\"nobody\",\"password\":\"wrong-one\"}"),
                HttpStatus.UNAUTHORIZED, "wrong username or password");
        assertProblem(call(HttpMethod.POST, "/api/auth/login", null, "{\"username\":"), HttpStatus.BAD_REQUEST, "not valid JSON");
        assertProblem(call(HttpMethod.POST, "/api/users", adminToken, "{\"username\":\"bob\",\"password\":\"bob-secret-2\"}"),
                HttpStatus.CONFLICT, "taken");
        assertProblem(call(HttpMethod.POST, "/api/users", adminToken, "{\"username\":\"x\",\"password\":\"bob-secret-2\"}"),
                HttpStatus.BAD_REQUEST, "3 to 32 characters");
        assertProblem(call(HttpMethod.POST, "/api/users", adminToken, "{\"username\":\"carol\",\"password\":\"short\"}"),
                HttpStatus.BAD_REQUEST, "at least 8 characters");
        // bcrypt takes 72 bytes: 72 "é" are 144 (a 500 before)
        assertProblem(call(HttpMethod.POST, "/api/users", adminToken, "{\"username\":\"carol\",\"password\":\"" + "é".repeat(72) + "\"}"),
                HttpStatus.BAD_REQUEST, "at most 72 bytes");
        assertThat(call(HttpMethod.POST, "/api/users", adminToken, "{\"username\":\"carol\",\"password\":\"" + "é".repeat(36) + "\"}")
                .getStatusCode()).as("36 é are 72 bytes").isEqualTo(HttpStatus.CREATED);
        assertThat(call(HttpMethod.POST, "/api/auth/login", null, "{\"username\":\"carol\",\"password\":\"" + "é".repeat(36) + "\"}")
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        assertProblem(call(HttpMethod.POST, "/api/auth/login", null, "{\"username\":\"carol\",\"password\":\"" + "é".repeat(72) + "\"}"),
                HttpStatus.UNAUTHORIZED, "wrong username or password");
        assertProblem(call(HttpMethod.POST, "/api/users", bob, "{\"username\":\"carol\",\"password\":\"carol-secret\"}"),
                HttpStatus.FORBIDDEN, "administrators");
        assertProblem(call(HttpMethod.GET, "/api/users", bob, null), HttpStatus.FORBIDDEN, "administrators");
        assertProblem(call(HttpMethod.GET, "/api/users/no-such-id", adminToken, null), HttpStatus.NOT_FOUND, "no user");
        assertProblem(call(HttpMethod.GET, "/api/me", new TestTokens("conpaas").user("x", "x"), null), HttpStatus.UNAUTHORIZED, "refused");
        assertProblem(call(HttpMethod.GET, "/api/me", null, null), HttpStatus.UNAUTHORIZED, "log in");

        String bobId = json.readTree(call(HttpMethod.GET, "/api/me", bob, null).getBody()).get("id").asText();
        assertThat(call(HttpMethod.POST, "/api/users/" + bobId + "/disable", adminToken, null).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertProblem(call(HttpMethod.POST, "/api/auth/login", null, "{\"username\":\"bob\",\"password\":\"bob-secret-1\"}"),
                HttpStatus.FORBIDDEN, "this account is disabled");
        assertProblem(call(HttpMethod.POST, "/api/auth/refresh", null,
                "{\"refreshToken\":\"" + bobTokens.get("refreshToken").asText() + "\"}"), HttpStatus.UNAUTHORIZED, "log in again");
        assertThat(json.readTree(call(HttpMethod.POST, "/api/users/" + bobId + "/enable", adminToken, null).getBody())
                .get("enabled").asBoolean()).isTrue();
        // the tokens from before the disabling stay revoked; a new login's work
        String bobAgain = login("bob", "bob-secret-1").get("accessToken").asText();
        assertThat(call(HttpMethod.GET, "/api/me", bobAgain, null).getStatusCode()).isEqualTo(HttpStatus.OK);
        String bobBefore = bob;
        await().atMost(Duration.ofSeconds(10)).until(() -> call(HttpMethod.GET, "/api/me", bobBefore, null).getStatusCode() == HttpStatus.UNAUTHORIZED);
        assertProblem(call(HttpMethod.GET, "/api/me", bobBefore, null), HttpStatus.UNAUTHORIZED, "revoked");
        bob = bobAgain;

        assertProblem(call(HttpMethod.POST, "/api/auth/login", null, "{\"username\":\"bob\"}"), HttpStatus.BAD_REQUEST, "password");
        assertProblem(call(HttpMethod.POST, "/api/auth/refresh", null, "{}"), HttpStatus.BAD_REQUEST, "refreshToken");
        assertProblem(call(HttpMethod.GET, "/api/users/" + bobId, addAndLogin("alice2", "alice2-secret", adminToken), null),
                HttpStatus.NOT_FOUND, "no user");
        assertThat(call(HttpMethod.GET, "/api/users/" + bobId, bob, null).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertProblem(call(HttpMethod.POST, "/api/users/" + bobId + "/credit", adminToken, "{\"delta\":-51,\"reason\":\"x\"}"),
                HttpStatus.CONFLICT, "cannot go below 0");
        assertProblem(call(HttpMethod.POST, "/api/users/" + bobId + "/credit", bob, "{\"delta\":5}"),
                HttpStatus.FORBIDDEN, "administrators");
    }

    @Test
    void acceptsOnlyItsOwnUnexpiredTokensAndPublishesTheKeyTheyVerifyWith() throws Exception {
        JsonNode tokens = login("admin", "admin-secret-123");
        SignedJWT issued = SignedJWT.parse(tokens.get("accessToken").asText());
        JWTClaimsSet claims = issued.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("conpaas");
        assertThat(claims.getAudience()).containsExactly("conpaas");
        assertThat(claims.getStringClaim("preferred_username")).isEqualTo("admin");
        assertThat(claims.getStringClaim("role")).isEqualTo("admin");
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofMinutes(15));
        assertThat(tokens.get("expiresIn").asLong()).isEqualTo(900);

        JWKSet jwks = JWKSet.parse(http.getForEntity("/.well-known/jwks.json", String.class).getBody());
        RSAKey published = (RSAKey) jwks.getKeyByKeyId(issued.getHeader().getKeyID());
        assertThat(published).as("the key id of the token is in the JWKS").isNotNull();
        assertThat(issued.verify(new RSASSAVerifier(published))).isTrue();

        String otherKey = new TestTokens("conpaas").admin(claims.getSubject(), "admin");
        assertProblem(call(HttpMethod.GET, "/api/users", otherKey, null), HttpStatus.UNAUTHORIZED, "the token was refused");

        String expired = sign(new JWTClaimsSet.Builder(claims).issueTime(Date.from(Instant.now().minusSeconds(3600)))
                .expirationTime(Date.from(Instant.now().minusSeconds(600))).build());
        assertProblem(call(HttpMethod.GET, "/api/me", expired, null), HttpStatus.UNAUTHORIZED, "expired");
        String otherIssuer = sign(new JWTClaimsSet.Builder(claims).issuer("someone-else").build());
        assertProblem(call(HttpMethod.GET, "/api/me", otherIssuer, null), HttpStatus.UNAUTHORIZED, "the token was refused");
        String stillGood = sign(claims);
        assertThat(call(HttpMethod.GET, "/api/me", stillGood, null).getStatusCode()).as("the control case").isEqualTo(HttpStatus.OK);
    }

    /** Signed with the service's own key, so only the claims can make it fail. */
    private String sign(JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keys.signingKey().getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(keys.signingKey()));
        return jwt.serialize();
    }

    /** Adds a user as the administrator and logs them in. */
    @Test
    void aUserReadsTheirCreditHistoryNewestFirstAndNobodyElsesIt() throws Exception {
        String adminToken = login("admin", "admin-secret-123").get("accessToken").asText();
        String hugo = addAndLogin("hugo", "hugo-secret-1", adminToken);
        String hugoId = json.readTree(call(HttpMethod.GET, "/api/me", hugo, null).getBody()).get("id").asText();
        call(HttpMethod.POST, "/api/users/" + hugoId + "/credit", adminToken, "{\"delta\":5,\"reason\":\"course\"}");
        call(HttpMethod.POST, "/api/users/" + hugoId + "/credit", adminToken, "{\"delta\":-3,\"reason\":\"refund\"}");

        ResponseEntity<String> history = call(HttpMethod.GET, "/api/users/" + hugoId + "/credit-history", hugo, null);
        assertThat(history.getStatusCode()).as(history.getBody()).isEqualTo(HttpStatus.OK);
        JsonNode changes = json.readTree(history.getBody());
        assertThat(changes).hasSize(2);
        assertThat(changes.get(0).get("delta").asLong()).isEqualTo(-3);
        assertThat(changes.get(0).get("balance").asLong()).isEqualTo(52);
        assertThat(changes.get(0).get("reason").asText()).isEqualTo("refund");
        assertThat(changes.get(1).get("delta").asLong()).isEqualTo(5);
        assertThat(changes.get(1).get("reason").asText()).isEqualTo("course");
        assertThat(changes.get(0).get("at").asText()).isNotBlank();
        assertThat(call(HttpMethod.GET, "/api/users/" + hugoId + "/credit-history", adminToken, null).getStatusCode())
                .isEqualTo(HttpStatus.OK);

        String ivy = addAndLogin("ivy", "ivy-secret-1", adminToken);
        assertProblem(call(HttpMethod.GET, "/api/users/" + hugoId + "/credit-history", ivy, null), HttpStatus.NOT_FOUND, "no user");
    }

    private String addAndLogin(String user, String password, String adminToken) throws Exception {
        ResponseEntity<String> added = call(HttpMethod.POST, "/api/users", adminToken,
                "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}");
        assertThat(added.getStatusCode()).as(added.getBody()).isEqualTo(HttpStatus.CREATED);
        assertThat(added.getHeaders().getLocation()).hasToString("/api/users/" + json.readTree(added.getBody()).get("id").asText());
        return login(user, password).get("accessToken").asText();
    }

    @Test
    void publishesItsSigningKey() throws Exception {
        JsonNode jwks = json.readTree(http.getForEntity("/.well-known/jwks.json", String.class).getBody());
        assertThat(jwks.get("keys")).hasSize(1);
        assertThat(jwks.get("keys").get(0).get("kty").asText()).isEqualTo("RSA");
        assertThat(jwks.get("keys").get(0).has("d")).as("no private part").isFalse();
    }

    private JsonNode login(String user, String password) throws Exception {
        ResponseEntity<String> r = call(HttpMethod.POST, "/api/auth/login", null,
                "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}");
        assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(HttpStatus.OK);
        return json.readTree(r.getBody());
    }

    private ResponseEntity<String> call(HttpMethod method, String path, String token, String body) {
        return ApiCalls.call(http, method, path, token, body);
    }

    private static void assertProblem(ResponseEntity<String> response, HttpStatus status, String detailPart) {
        ApiCalls.assertProblem(response, status, detailPart);
    }
}
