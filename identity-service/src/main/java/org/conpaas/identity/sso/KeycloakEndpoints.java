package org.conpaas.identity.sso;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The endpoints of the Keycloak realm, read from its OpenID configuration on first use (and again
 * after a failure), so a Keycloak that starts after ConPaaS is found when the first user signs in.
 */
@Component
class KeycloakEndpoints {

    record Endpoints(String issuer, URI authorization, URI token, URI jwks, URI endSession) {
    }

    private final SsoProperties properties;
    private final HttpClient http;
    private final ObjectMapper json;
    private volatile Endpoints endpoints;

    KeycloakEndpoints(SsoProperties properties, ObjectMapper json) {
        this.properties = properties;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    HttpClient http() {
        return http;
    }

    Endpoints get() {
        Endpoints known = endpoints;
        if (known == null) {
            known = discover();
            endpoints = known;
        }
        return known;
    }

    private Endpoints discover() {
        String issuer = properties.issuer();
        URI where = URI.create(issuer + "/.well-known/openid-configuration");
        JsonNode doc;
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(where).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw SsoProblem.misconfigured("the identity provider answers " + answer.statusCode() + " for " + where
                        + ": check conpaas.sso.issuer-uri (the realm's URL, e.g. https://sso.example.org/realms/conpaas)");
            }
            doc = json.readTree(answer.body());
        } catch (IOException e) {
            throw SsoProblem.misconfigured("the identity provider at " + where + " cannot be read (" + e.getMessage()
                    + "): check that Keycloak runs and conpaas.sso.issuer-uri");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SsoProblem.misconfigured("interrupted while reading " + where);
        }
        String named = doc.path("issuer").asText();
        if (!issuer.equals(named)) {
            throw SsoProblem.misconfigured("the identity provider at " + where + " names itself '" + named
                    + "', but conpaas.sso.issuer-uri is '" + issuer + "': set it to exactly the realm's issuer "
                    + "(Keycloak's hostname setting decides it)");
        }
        return new Endpoints(named, uri(doc, "authorization_endpoint"), uri(doc, "token_endpoint"), uri(doc, "jwks_uri"),
                doc.hasNonNull("end_session_endpoint") ? URI.create(doc.get("end_session_endpoint").asText()) : null);
    }

    private static URI uri(JsonNode doc, String field) {
        if (!doc.hasNonNull(field)) {
            throw SsoProblem.misconfigured("the identity provider's OpenID configuration has no " + field);
        }
        return URI.create(doc.get(field).asText());
    }
}
