package org.conpaas.identity;

import org.conpaas.kit.test.ApiCalls;
import org.conpaas.kit.test.HostileInput;
import org.conpaas.kit.test.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Hostile logins, refreshes and user records: never a 5xx or a stack trace, nothing stored when refused. */
@ServiceIntegrationTest
// far limits: this test is about parsing hostile input, not throttling (LoginThrottleIT)
@TestPropertySource(properties = {"conpaas.identity.admin.password=admin-secret-123",
        "conpaas.identity.login-throttle.max-failures-per-username=100000",
        "conpaas.identity.login-throttle.max-failures-per-address=100000"})
class HostileInputIT {

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;

    private final List<String> failures = new ArrayList<>();

    @Test
    void hostileCredentialsAndUserRecordsNeverBreakTheService() throws Exception {
        String login = ApiCalls.call(http, HttpMethod.POST, "/api/auth/login", null,
                "{\"username\":\"admin\",\"password\":\"admin-secret-123\"}").getBody();
        String admin = new com.fasterxml.jackson.databind.ObjectMapper().readTree(login).get("accessToken").asText();
        for (String s : HostileInput.strings(120)) {
            String value = HostileInput.json(s);
            check(HttpMethod.POST, "/api/auth/login", null, "{\"username\":" + value + ",\"password\":" + value + "}");
            check(HttpMethod.POST, "/api/auth/refresh", null, "{\"refreshToken\":" + value + "}");
            check(HttpMethod.POST, "/api/users", admin, "{\"username\":" + value + ",\"password\":\"long-enough-1\",\"email\":" + value + "}");
            check(HttpMethod.POST, "/api/users", admin, "{\"username\":\"valid-name\",\"password\":" + value + ",\"role\":" + value + "}");
        }
        for (String body : HostileInput.bodies("username", 60)) {
            check(HttpMethod.POST, "/api/auth/login", null, body);
            check(HttpMethod.POST, "/api/users", admin, body);
        }
        assertThat(failures).as("requests answered with a server error or internals").isEmpty();
    }

    private void check(HttpMethod method, String path, String token, String body) {
        long before = events();
        ResponseEntity<String> r = ApiCalls.call(http, method, path, token, body);
        String what = method + " " + path + " " + (body.length() > 100 ? body.substring(0, 100) + "…" : body) + " -> " + r.getStatusCode().value();
        if (r.getStatusCode().is5xxServerError()) {
            failures.add(what);
        }
        if (r.getBody() != null && (r.getBody().contains("Exception") || r.getBody().contains("at org."))) {
            failures.add(what + " leaks internals");
        }
        if (r.getStatusCode().is4xxClientError() && events() != before) {
            failures.add(what + " was refused but stored an event");
        }
    }

    private long events() {
        Long n = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        return n == null ? 0 : n;
    }
}
