package org.conpaas.identity.sso;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Trades the authorization code for Keycloak's tokens (back channel, client secret, PKCE verifier): the ID token. */
@Component
class CodeExchange {

    private final KeycloakEndpoints endpoints;
    private final SsoProperties properties;
    private final ObjectMapper json;

    CodeExchange(KeycloakEndpoints endpoints, SsoProperties properties, ObjectMapper json) {
        this.endpoints = endpoints;
        this.properties = properties;
        this.json = json;
    }

    String idToken(String code, String codeVerifier, String redirectUri) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri);
        form.put("code_verifier", codeVerifier);
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        String basic = Base64.getEncoder().encodeToString((URLEncoder.encode(properties.clientId(), StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(properties.clientSecret(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(endpoints.get().token()).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        JsonNode answer;
        int status;
        try {
            HttpResponse<String> response = endpoints.http().send(request, HttpResponse.BodyHandlers.ofString());
            status = response.statusCode();
            answer = json.readTree(response.body());
        } catch (IOException e) {
            throw SsoProblem.misconfigured("the identity provider's token endpoint " + endpoints.get().token()
                    + " cannot be reached: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SsoProblem.misconfigured("interrupted while calling the token endpoint");
        }
        if (status == 200) {
            return answer.path("id_token").asText(null);
        }
        String error = answer.path("error").asText("http " + status);
        String description = answer.path("error_description").asText("");
        if (error.equals("invalid_client") || error.equals("unauthorized_client")) {
            throw SsoProblem.misconfigured("the identity provider refuses this ConPaaS as a client (" + error + ": " + description
                    + "): check conpaas.sso.client-id and conpaas.sso.client-secret against the realm's client");
        }
        throw SsoProblem.refused("the identity provider refused the sign-in code (" + error + ": " + description
                + "): it was used already or expired; sign in again");
    }
}
