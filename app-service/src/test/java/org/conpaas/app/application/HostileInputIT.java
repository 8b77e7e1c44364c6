package org.conpaas.app.application;

import org.conpaas.kit.test.ApiCalls;
import org.conpaas.kit.test.HostileInput;
import org.conpaas.kit.test.ServiceIntegrationTest;
import org.conpaas.kit.test.TestTokenDecoder;
import org.conpaas.kit.test.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A generated corpus of hostile input against every /api/apps endpoint: never a 5xx, never a
 * stack trace, always problem+json when refused, and nothing stored by a refused request.
 */
@ServiceIntegrationTest
@Import(TestTokenDecoder.class)
class HostileInputIT {

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;

    private final String token = TestTokens.ISSUER.user(UUID.randomUUID().toString(), "mallory");
    private final List<String> failures = new ArrayList<>();

    @Test
    void hostileNamesBodiesAndIdsNeverBreakTheService() {
        String id = created("target");
        for (String name : HostileInput.strings(150)) {
            String body = "{\"name\":" + HostileInput.json(name) + "}";
            check(HttpMethod.POST, "/api/apps", body);
            check(HttpMethod.PATCH, "/api/apps/" + id, body);
        }
        for (String body : HostileInput.bodies("name", 100)) {
            check(HttpMethod.POST, "/api/apps", body);
            check(HttpMethod.PATCH, "/api/apps/" + id, body);
        }
        for (String junk : HostileInput.strings(60)) {
            String path = "/api/apps/" + URLEncoder.encode(junk, StandardCharsets.UTF_8).replace("+", "%20");
            check(HttpMethod.GET, path, null);
            check(HttpMethod.DELETE, path, null);
        }
        assertThat(failures).as("requests answered with a server error or internals").isEmpty();
    }

    private void check(HttpMethod method, String path, String body) {
        long before = events();
        ResponseEntity<String> r;
        try {
            r = ApiCalls.call(http, method, path, token, body);
        } catch (RuntimeException clientRefused) {
            return; // the HTTP client itself would not send it (e.g. an illegal URI): nothing reached the service
        }
        String what = method + " " + abbreviate(path) + " " + abbreviate(String.valueOf(body)) + " -> " + r.getStatusCode().value();
        if (r.getStatusCode().is5xxServerError()) {
            failures.add(what + " " + abbreviate(r.getBody()));
        }
        if (r.getBody() != null && (r.getBody().contains("Exception") || r.getBody().contains("at org."))) {
            failures.add(what + " leaks internals: " + abbreviate(r.getBody()));
        }
        if (r.getStatusCode().is4xxClientError()) {
            if (!String.valueOf(r.getHeaders().getContentType()).startsWith("application/problem+json")) {
                failures.add(what + " is not problem+json");
            }
            if (events() != before) {
                failures.add(what + " was refused but stored an event");
            }
        }
    }

    private String created(String name) {
        ResponseEntity<String> r = ApiCalls.call(http, HttpMethod.POST, "/api/apps", token, "{\"name\":\"" + name + "\"}");
        String body = r.getBody();
        return body.substring(body.indexOf("\"id\":\"") + 6, body.indexOf('"', body.indexOf("\"id\":\"") + 6));
    }

    private long events() {
        Long n = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        return n == null ? 0 : n;
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 120 ? s.substring(0, 120) + "…" : s;
    }
}
