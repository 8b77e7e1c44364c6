package org.conpaas.identity.sso;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.conpaas.kit.test.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Single sign-on off (the default): no Keycloak needed, the SSO endpoints say so, logout still ends the session. */
@ServiceIntegrationTest
@TestPropertySource(properties = "conpaas.identity.admin.password=admin-secret-123")
class SingleSignOnOffIT {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theEndpointsAnswerWithoutKeycloakAndLogoutRevokesTheRefreshToken() throws Exception {
        assertThat(send("GET", "/api/auth/sso/providers", null).body()).isEqualTo("[]");
        assertProblem(send("GET", "/api/auth/sso/contrail/login", null), 404, "not configured");
        assertProblem(send("GET", "/api/auth/sso/callback?state=x&code=y", null), 404, "not configured");
        assertProblem(send("POST", "/api/auth/sso/exchange", "{}"), 400, "sso_code");
        assertProblem(send("POST", "/api/auth/sso/exchange", "{\"code\":\"never-issued\"}"), 401, "unknown, expired");
        assertProblem(send("POST", "/api/auth/logout", "{}"), 400, "refreshToken");

        HttpResponse<String> login = send("POST", "/api/auth/login", "{\"username\":\"admin\",\"password\":\"admin-secret-123\"}");
        String refresh = json.readTree(login.body()).get("refreshToken").asText();
        HttpResponse<String> logout = send("POST", "/api/auth/logout", "{\"refreshToken\":\"" + refresh + "\"}");
        assertThat(logout.statusCode()).isEqualTo(200);
        assertThat(json.readTree(logout.body()).get("loggedOut").asBoolean()).isTrue();
        assertThat(json.readTree(logout.body()).get("endSessionUrl").isNull()).as("a local account has no IdP session").isTrue();
        assertProblem(send("POST", "/api/auth/refresh", "{\"refreshToken\":\"" + refresh + "\"}"), 401, "log in again");
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void assertProblem(HttpResponse<String> response, int status, String detailPart) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(json.readTree(response.body()).get("detail").asText()).contains(detailPart);
    }
}
