package org.conpaas.identity.sso;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.conpaas.identity.keycloak.BrowserlessLogin;
import org.conpaas.identity.keycloak.KeycloakTestServer;
import org.conpaas.kit.test.ServiceIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.util.UriComponentsBuilder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Single sign-on against a real Keycloak (started once for the class from its Maven Central
 * distribution, realms of docs/sso): Contrail users sign in through the SAML broker and the OIDC
 * broker, are created just in time with the external subject recorded and map to the same user
 * afterwards; tampered ID tokens and SAML responses, replayed states and codes, unknown issuers,
 * skewed clocks and disabled users are refused with a problem that says why.
 */
@ServiceIntegrationTest
@TestPropertySource(properties = "conpaas.identity.admin.password=admin-secret-123")
class SingleSignOnIT {

    /** What Keycloak knows identity-service by; the test carries the callback there itself. */
    private static final String PUBLIC_URL = "http://127.0.0.1:18991";
    private static KeycloakTestServer keycloak;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CodeExchange codeExchange;
    @Autowired
    KeycloakEndpoints endpoints;
    @Autowired
    SsoProperties properties;

    @DynamicPropertySource
    static void keycloak(DynamicPropertyRegistry registry) {
        if (keycloak == null) {
            keycloak = KeycloakTestServer.start(PUBLIC_URL);
        }
        registry.add("conpaas.public-url", () -> PUBLIC_URL);
        for (String setting : keycloak.ssoSettings()) {
            String[] kv = setting.split("=", 2);
            registry.add(kv[0], () -> kv[1]);
        }
    }

    @AfterAll
    static void stopKeycloak() {
        if (keycloak != null) {
            keycloak.close();
        }
    }

    @Test
    void aContrailUserSignsInBySamlIsCreatedJustInTimeAndLaterMapsToTheSameUser() throws Exception {
        HttpResponse<String> providers = get("/api/auth/sso/providers");
        assertThat(json.readTree(providers.body()).findValuesAsText("id")).containsExactly("contrail", "contrail-oidc");
        assertThat(json.readTree(providers.body()).get(0).get("loginUrl").asText()).isEqualTo("/api/auth/sso/contrail/login");

        HttpResponse<String> start = get("/api/auth/sso/contrail/login");
        assertThat(start.statusCode()).isEqualTo(302);
        URI authorize = URI.create(start.headers().firstValue("Location").orElseThrow());
        Map<String, String> query = UriComponentsBuilder.fromUri(authorize).build().getQueryParams().toSingleValueMap();
        assertThat(authorize.toString()).startsWith(keycloak.issuer() + "/protocol/openid-connect/auth?");
        assertThat(query).containsEntry("kc_idp_hint", "contrail").containsEntry("code_challenge_method", "S256")
                .containsEntry("response_type", "code").containsEntry("client_id", KeycloakTestServer.CLIENT_ID)
                .containsKeys("state", "nonce", "code_challenge");
        assertThat(java.net.URLDecoder.decode(query.get("redirect_uri"), StandardCharsets.UTF_8))
                .isEqualTo(PUBLIC_URL + "/api/auth/sso/callback");

        JsonNode tokens = exchange(dashboardCode(callback(authorize, "carol")));
        JsonNode me = me(tokens.get("accessToken").asText());
        assertThat(me.get("username").asText()).isEqualTo("carol");
        assertThat(me.get("externalId").asText()).as("the SAML subject (NameID) at the contrail IdP").isEqualTo("contrail|carol");
        assertThat(me.get("email").asText()).isEqualTo("carol@contrail.example");
        assertThat(me.get("role").asText()).isEqualTo("user");
        assertThat(me.get("credit").asLong()).isEqualTo(50);
        assertThat(jdbc.queryForList("SELECT issuer || '|' || subject FROM external_identity WHERE user_id = ?", String.class,
                me.get("id").asText())).containsExactly("contrail|carol");

        // cps's loopback flow: the code goes to the local port it listens on
        HttpResponse<String> loopback = get("/api/auth/sso/contrail/login?redirect=http://127.0.0.1:47123/done");
        URI back = follow(callback(URI.create(loopback.headers().firstValue("Location").orElseThrow()), "carol"));
        assertThat(back.toString()).startsWith("http://127.0.0.1:47123/done?sso_code=");
        JsonNode again = me(exchange(back.getQuery().substring("sso_code=".length())).get("accessToken").asText());
        assertThat(again.get("id").asText()).as("the second login maps to the same user").isEqualTo(me.get("id").asText());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM users WHERE username LIKE 'carol%'", Integer.class)).isEqualTo(1);

        assertProblem(get("/api/auth/sso/contrail/login?redirect=https://evil.example/steal"), 400, "loopback");
        assertProblem(get("/api/auth/sso/contrail/login?redirect=http://127.0.0.1.evil.example:80/x"), 400, "loopback");
        assertProblem(get("/api/auth/sso/nowhere/login"), 404, "GET /api/auth/sso/providers");

        // the sign-in's ID token goes from refresh token to refresh token, and logout hands it to
        // Keycloak's end-session endpoint as id_token_hint: Keycloak ends its session and sends the
        // browser straight back, without asking to confirm
        HttpResponse<String> refreshed = post("/api/auth/refresh", null, "{\"refreshToken\":\"" + tokens.get("refreshToken").asText() + "\"}");
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        String refreshToken = json.readTree(refreshed.body()).get("refreshToken").asText();
        HttpResponse<String> logout = post("/api/auth/logout", null, "{\"refreshToken\":\"" + refreshToken + "\"}");
        assertThat(logout.statusCode()).as(logout.body()).isEqualTo(200);
        URI endSession = URI.create(json.readTree(logout.body()).get("endSessionUrl").asText());
        Map<String, String> hints = UriComponentsBuilder.fromUri(endSession).build().getQueryParams().toSingleValueMap();
        assertThat(endSession.toString())
                .startsWith(keycloak.issuer() + "/protocol/openid-connect/logout?client_id=" + KeycloakTestServer.CLIENT_ID);
        assertThat(hints).containsKeys("post_logout_redirect_uri", "id_token_hint");
        HttpResponse<String> providerLogout = http.send(HttpRequest.newBuilder(endSession).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(providerLogout.statusCode()).as("Keycloak asked instead of ending the session: %s", providerLogout.body()).isEqualTo(302);
        assertThat(providerLogout.headers().firstValue("Location")).hasValue(PUBLIC_URL + "/");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM refresh_token WHERE used AND provider_id_token IS NOT NULL", Integer.class))
                .as("a used-up refresh token keeps no ID token").isZero();
        assertProblem(post("/api/auth/refresh", null, "{\"refreshToken\":\"" + refreshToken + "\"}"), 401, "log in again");
    }

    @Test
    void theOpenIdConnectBrokerWorksTheSameWay() throws Exception {
        URI authorize = URI.create(get("/api/auth/sso/contrail-oidc/login").headers().firstValue("Location").orElseThrow());
        JsonNode me = me(exchange(dashboardCode(callback(authorize, "heidi"))).get("accessToken").asText());
        assertThat(me.get("externalId").asText()).isEqualTo("contrail-oidc|heidi");
        assertThat(me.get("username").asText()).isEqualTo("heidi");
    }

    @Test
    void replayedStatesAndCodesAreRefused() throws Exception {
        URI callback = callback(startLogin("contrail"), "grace");
        String code = dashboardCode(callback);
        assertProblem(get(path(callback)), 401, "state is unknown, expired or already used");
        assertProblem(get("/api/auth/sso/callback?state=forged&code=x"), 401, "state is unknown");
        assertThat(exchange(code).get("accessToken").asText()).isNotBlank();
        assertProblem(post("/api/auth/sso/exchange", null, "{\"code\":\"" + code + "\"}"), 401, "already used");
        assertProblem(post("/api/auth/sso/exchange", null, "{}"), 400, "sso_code");

        URI fromElsewhere = callback(startLogin("contrail"), "grace");
        String forgedIssuer = path(fromElsewhere).replace("iss=" + java.net.URLEncoder.encode(keycloak.issuer(), StandardCharsets.UTF_8),
                "iss=" + java.net.URLEncoder.encode("https://idp.evil.example/realms/conpaas", StandardCharsets.UTF_8));
        assertThat(forgedIssuer).isNotEqualTo(path(fromElsewhere));
        assertProblem(get(forgedIssuer), 401, "unknown issuer");
    }

    @Test
    void idTokensAreCheckedForSignatureIssuerAudienceTimeAndNonce() throws Exception {
        URI callback = callback(startLogin("contrail"), "grace");
        Map<String, String> query = UriComponentsBuilder.fromUri(callback).build().getQueryParams().toSingleValueMap();
        Map<String, Object> pending = jdbc.queryForMap("SELECT nonce, code_verifier FROM sso_login WHERE state = ?", query.get("state"));
        String nonce = (String) pending.get("nonce");
        String idToken = codeExchange.idToken(query.get("code"), (String) pending.get("code_verifier"), PUBLIC_URL + SsoController.CALLBACK);
        IdTokenValidator validator = new IdTokenValidator(endpoints, properties);

        VerifiedIdToken valid = validator.validate(idToken, nonce);
        assertThat(valid.externalIdentity().value()).as("the control case: the token as Keycloak issued it").isEqualTo("contrail|grace");

        String[] parts = idToken.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String altered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                claims.replace("\"grace\"", "\"admin\"").getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThat(altered).isNotEqualTo(idToken);
        assertRefused(() -> validator.validate(altered, nonce), "signature does not verify");

        SignedJWT parsed = SignedJWT.parse(idToken);
        var foreignKey = new RSAKeyGenerator(2048).keyID(parsed.getHeader().getKeyID()).generate();
        SignedJWT resigned = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(foreignKey.getKeyID()).build(),
                parsed.getJWTClaimsSet());
        resigned.sign(new RSASSASigner(foreignKey));
        assertRefused(() -> validator.validate(resigned.serialize(), nonce), "signature does not verify");
        SignedJWT unknownKey = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("not-keycloaks").build(),
                parsed.getJWTClaimsSet());
        unknownKey.sign(new RSASSASigner(foreignKey));
        assertRefused(() -> validator.validate(unknownKey.serialize(), nonce), "does not publish");
        String unsigned = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes()) + "." + parts[1] + ".";
        assertRefused(() -> validator.validate(unsigned, nonce), "");

        assertRefused(() -> validator.validate(idToken, "another-login"), "nonce");
        assertRefused(() -> new IdTokenValidator(endpoints, properties, Clock.offset(Clock.systemUTC(), Duration.ofHours(2)))
                .validate(idToken, nonce), "clocks");
        assertRefused(() -> new IdTokenValidator(endpoints, properties, Clock.offset(Clock.systemUTC(), Duration.ofHours(-2)))
                .validate(idToken, nonce), "in the future");
        SsoProperties otherClient = new SsoProperties(true, properties.issuerUri(), "another-client", "x", properties.providers(),
                properties.clockSkew(), properties.loginTtl(), properties.codeTtl(), true);
        assertRefused(() -> new IdTokenValidator(endpoints, otherClient).validate(idToken, nonce), "not for this ConPaaS's client 'another-client'");
        KeycloakEndpoints trustingAnotherRealm = new KeycloakEndpoints(properties, json) {
            @Override
            Endpoints get() {
                Endpoints real = endpoints.get();
                return new Endpoints(keycloak.url() + "/realms/contrail", real.authorization(), real.token(), real.jwks(), real.endSession());
            }
        };
        assertRefused(() -> new IdTokenValidator(trustingAnotherRealm, properties).validate(idToken, nonce), "unknown issuer");
    }

    @Test
    void misconfiguredSettingsAreNamedInTheProblem() {
        assertMisconfigured(() -> new KeycloakEndpoints(with(keycloak.url() + "/realms/no-such-realm", properties.clientSecret()), json).get(),
                "answers 404", "conpaas.sso.issuer-uri");
        assertMisconfigured(() -> new KeycloakEndpoints(with("http://127.0.0.1:1/realms/conpaas", properties.clientSecret()), json).get(),
                "cannot be read", "check that Keycloak runs");
        SsoProperties wrongSecret = with(properties.issuerUri(), "not-the-secret");
        assertMisconfigured(() -> new CodeExchange(new KeycloakEndpoints(wrongSecret, json), wrongSecret, json)
                .idToken("some-code", "some-verifier", PUBLIC_URL + SsoController.CALLBACK), "refuses this ConPaaS as a client", "conpaas.sso.client-secret");
    }

    private SsoProperties with(String issuer, String secret) {
        return new SsoProperties(true, issuer, properties.clientId(), secret, properties.providers(), properties.clockSkew(),
                properties.loginTtl(), properties.codeTtl(), true);
    }

    private static void assertMisconfigured(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String... detailParts) {
        assertThatThrownBy(call).isInstanceOf(org.conpaas.kit.web.ApiException.class).hasMessageContainingAll(detailParts)
                .satisfies(e -> assertThat(((org.conpaas.kit.web.ApiException) e).status().value()).isEqualTo(502));
    }

    @Test
    void aDisabledUserIsRefusedEvenWhenTheIdentityProviderSaysYes() throws Exception {
        JsonNode dan = me(exchange(dashboardCode(callback(startLogin("contrail"), "dan"))).get("accessToken").asText());
        String admin = adminToken();
        assertThat(post("/api/users/" + dan.get("id").asText() + "/disable", admin, null).statusCode()).isEqualTo(200);
        String refused = path(callback(startLogin("contrail"), "dan"));
        assertProblem(get(refused), 403, "disabled");
        assertProblem(get(refused), 401, "state is unknown, expired or already used");
        assertThat(post("/api/users/" + dan.get("id").asText() + "/enable", admin, null).statusCode()).isEqualTo(200);
        assertThat(me(exchange(dashboardCode(callback(startLogin("contrail"), "dan"))).get("accessToken").asText())
                .get("id").asText()).isEqualTo(dan.get("id").asText());
    }

    @Test
    void anAdministratorLinksALocalUserToAnExternalIdentity() throws Exception {
        String admin = adminToken();
        HttpResponse<String> added = post("/api/users", admin, "{\"username\":\"frank-local\",\"password\":\"frank-secret-1\"}");
        String id = json.readTree(added.body()).get("id").asText();
        assertProblem(post("/api/users/" + id + "/external-identities", admin, "{}"), 400, "issuer");
        HttpResponse<String> linked = post("/api/users/" + id + "/external-identities", admin, "{\"issuer\":\"contrail\",\"subject\":\"frank\"}");
        assertThat(linked.statusCode()).as(linked.body()).isEqualTo(200);
        assertThat(json.readTree(linked.body()).get("externalId").asText()).isEqualTo("contrail|frank");

        JsonNode me = me(exchange(dashboardCode(callback(startLogin("contrail"), "frank"))).get("accessToken").asText());
        assertThat(me.get("id").asText()).isEqualTo(id);
        assertThat(me.get("username").asText()).isEqualTo("frank-local");

        String frank = exchange(dashboardCode(callback(startLogin("contrail"), "frank"))).get("accessToken").asText();
        assertProblem(post("/api/users/" + id + "/external-identities", frank, "{\"issuer\":\"contrail\",\"subject\":\"x\"}"),
                403, "administrators");
        HttpResponse<String> other = post("/api/users", admin, "{\"username\":\"other\",\"password\":\"other-secret-1\"}");
        assertProblem(post("/api/users/" + json.readTree(other.body()).get("id").asText() + "/external-identities", admin,
                "{\"issuer\":\"contrail\",\"subject\":\"frank\"}"), 409, "frank-local");
        assertThat(json.readTree(get("/api/users/" + id + "/external-identities", frank).body()).findValuesAsText("subject"))
                .containsExactly("frank");
    }

    @Test
    void aTamperedSamlResponseIsRefusedByTheBroker() throws Exception {
        BrowserlessLogin.Outcome tampered = new BrowserlessLogin(PUBLIC_URL).tamperingSamlResponse(saml -> {
            String xml = new String(Base64.getDecoder().decode(saml), StandardCharsets.UTF_8);
            String forged = xml.replace(">ivan</", ">carol</");
            assertThat(forged).isNotEqualTo(xml);
            return Base64.getEncoder().encodeToString(forged.getBytes(StandardCharsets.UTF_8));
        }).signIn(startLogin("contrail"), "ivan", "ivan-contrail-1");
        assertThat(tampered.callback()).as("no code for a forged assertion").isNull();
        assertThat(tampered.status()).isGreaterThanOrEqualTo(400);
        URI control = callback(startLogin("contrail"), "ivan");
        assertThat(me(exchange(dashboardCode(control)).get("accessToken").asText()).get("externalId").asText()).isEqualTo("contrail|ivan");
    }

    // --- the flow -------------------------------------------------------------------------

    private URI startLogin(String provider) throws Exception {
        HttpResponse<String> start = get("/api/auth/sso/" + provider + "/login");
        assertThat(start.statusCode()).as(start.body()).isEqualTo(302);
        return URI.create(start.headers().firstValue("Location").orElseThrow());
    }

    /** Through Keycloak and the Contrail IdP to the callback URI Keycloak sends the browser to. */
    private URI callback(URI authorize, String contrailUser) throws Exception {
        BrowserlessLogin.Outcome outcome = new BrowserlessLogin(PUBLIC_URL).signIn(authorize, contrailUser, contrailUser + "-contrail-1");
        assertThat(outcome.callback()).as("stopped at %s: %s", outcome.status(), outcome.page()).isNotNull();
        return outcome.callback();
    }

    /** Carries the callback to identity-service, which answers with the redirect to the dashboard and the code. */
    private String dashboardCode(URI callback) throws Exception {
        URI back = follow(callback);
        assertThat(back.toString()).startsWith("/?sso_code=");
        return back.getQuery().substring("sso_code=".length());
    }

    private URI follow(URI callback) throws Exception {
        HttpResponse<String> answer = get(path(callback));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
        return URI.create(answer.headers().firstValue("Location").orElseThrow());
    }

    private JsonNode exchange(String code) throws Exception {
        HttpResponse<String> tokens = post("/api/auth/sso/exchange", null, "{\"code\":\"" + code + "\"}");
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        JsonNode answer = json.readTree(tokens.body());
        assertThat(answer.get("tokenType").asText()).isEqualTo("Bearer");
        assertThat(answer.get("refreshToken").asText()).isNotBlank();
        return answer;
    }

    private JsonNode me(String token) throws Exception {
        HttpResponse<String> me = get("/api/me", token);
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        return json.readTree(me.body());
    }

    private String adminToken() throws Exception {
        HttpResponse<String> r = post("/api/auth/login", null, "{\"username\":\"admin\",\"password\":\"admin-secret-123\"}");
        return json.readTree(r.body()).get("accessToken").asText();
    }

    private static String path(URI uri) {
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return get(path, null);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void assertProblem(HttpResponse<String> response, int status, String detailPart) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(json.readTree(response.body()).get("detail").asText()).contains(detailPart);
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable validation, String detailPart) {
        assertThatThrownBy(validation).isInstanceOf(org.conpaas.kit.web.ApiException.class).hasMessageContaining(detailPart)
                .satisfies(e -> assertThat(((org.conpaas.kit.web.ApiException) e).status().value()).isEqualTo(401));
    }

}
