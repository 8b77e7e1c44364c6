package org.conpaas.kit.webtest;

import org.conpaas.kit.test.ApiCalls;
import org.conpaas.kit.test.HostileInput;
import org.conpaas.kit.test.ServiceIntegrationTest;
import org.conpaas.kit.test.TestTokenDecoder;
import org.conpaas.kit.test.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad bodies for the kit's endpoint: each is refused with 400 problem+json whose detail says in
 * words what is wrong and never names a Java type, package or method; JSON means exactly what it
 * says (one value, no coercion).
 */
@ServiceIntegrationTest
@Import(TestTokenDecoder.class)
class HostileBodiesIT {

    static final Pattern INTERNALS = Pattern.compile("java\\.|org\\.|com\\.|\\bclass\\b|\\$|Exception|\\(\\w+\\.java");
    private static final Pattern DETAIL = Pattern.compile("\"detail\":\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final String VALID = "{\"name\":\"x\",\"nodes\":3,\"replicas\":2,\"enabled\":true,\"weight\":1.5,"
            + "\"size\":\"SMALL\",\"tags\":[\"a\"],\"label\":\"l\",\"part\":{\"name\":\"p\",\"count\":4}}";

    @Autowired
    TestRestTemplate http;

    private final String token = TestTokens.ISSUER.user(UUID.randomUUID().toString(), "mallory");

    @Test
    void aValidOrderIsAccepted() {
        ResponseEntity<String> r = post(VALID);
        assertThat(r.getStatusCode()).as(r.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(r.getBody()).contains("\"nodes\":3", "\"label\":\"l\"");
    }

    @Test
    void everyBadBodyIsAHumanProblem() {
        List<String> bodies = new ArrayList<>(HostileInput.bodies("nodes", 150));
        for (String field : List.of("name", "nodes", "replicas", "enabled", "weight", "size", "tags", "label", "part")) {
            for (String value : List.of("\"3\"", "3.7", "null", "true", "{}", "[1]", "\"\"", "\"HUGE\"", "-1e400", "12345678901234567890")) {
                bodies.add(VALID.replaceFirst("\"" + field + "\":(\\{[^}]*}|\\[[^]]*]|\"[^\"]*\"|[^,}]+)",
                        "\"" + field + "\":" + Matcher.quoteReplacement(value)));
            }
        }
        bodies.add("{\"part\":{\"count\":\"4\"}}");
        bodies.add(VALID + " garbage");
        bodies.add(VALID + VALID);
        List<String> failures = new ArrayList<>();
        for (String body : bodies) {
            ResponseEntity<String> r = post(body);
            if (r.getStatusCode().is2xxSuccessful()) {
                continue; // some replacements are still valid (null for a text field, -1 for a count…)
            }
            String detail = detail(r.getBody());
            if (r.getStatusCode() != HttpStatus.BAD_REQUEST && r.getStatusCode() != HttpStatus.PAYLOAD_TOO_LARGE) {
                failures.add(r.getStatusCode() + " for " + abbreviate(body) + ": " + r.getBody());
            } else if (!String.valueOf(r.getHeaders().getContentType()).startsWith("application/problem+json")) {
                failures.add("not problem+json for " + abbreviate(body));
            } else if (detail == null || detail.isBlank() || INTERNALS.matcher(detail).find()) {
                failures.add(abbreviate(body) + " -> " + detail);
            }
        }
        assertThat(failures).as("refusals without a human detail").isEmpty();
    }

    @Test
    void typesAreNotCoerced() {
        assertRefused(VALID.replace("\"nodes\":3", "\"nodes\":\"3\""), "field 'nodes' must be a whole number");
        assertRefused(VALID.replace("\"nodes\":3", "\"nodes\":3.7"), "field 'nodes' must be a whole number");
        assertRefused(VALID.replace("\"nodes\":3", "\"nodes\":null"), "field 'nodes' must be a whole number");
        assertRefused(VALID.replace("\"replicas\":2", "\"replicas\":\"2\""), "field 'replicas' must be a whole number");
        assertRefused(VALID.replace("\"enabled\":true", "\"enabled\":\"true\""), "field 'enabled' must be true or false");
        assertRefused(VALID.replace("\"enabled\":true", "\"enabled\":1"), "field 'enabled' must be true or false");
        assertRefused(VALID.replace("\"weight\":1.5", "\"weight\":\"1.5\""), "field 'weight' must be a number");
        assertRefused(VALID.replace("\"name\":\"x\"", "\"name\":123"), "field 'name' must be text");
        assertRefused(VALID.replace("\"size\":\"SMALL\"", "\"size\":0"), "field 'size' must be one of 'SMALL', 'LARGE'");
        assertRefused(VALID.replace("\"label\":\"l\"", "\"label\":7"), "field 'label' must be text");
        assertRefused(VALID.replace("\"count\":4", "\"count\":\"4\""), "field 'part.count' must be a whole number");
        assertRefused(VALID.replace("\"tags\":[\"a\"]", "\"tags\":[1]"), "field 'tags[0]' must be text");
    }

    @Test
    void oneJsonValueAndNothingAfterIt() {
        assertRefused("{\"name\":\"x\"} garbage", "is not valid JSON (line 1, column 21)");
        assertRefused("{\"name\":\"x\"} []", "one JSON value with nothing after it");
        assertRefused("{\"name\":\"x\"}{\"name\":\"y\"}", "one JSON value with nothing after it");
        assertRefused("{\"name\":\"x\",\"name\":\"y\"}", "field 'name' appears more than once");
        assertRefused("{\"name\":", "is not valid JSON: it ends before its value is complete");
        assertRefused("{\"name\" 1}", "is not valid JSON (line 1, column");
        assertRefused("", "the request needs a JSON body");
    }

    @Test
    void springsOwnRefusalsAreProblems() {
        HttpHeaders html = new HttpHeaders();
        html.setBearerAuth(token);
        html.set(HttpHeaders.ACCEPT, "text/html");
        html.set(HttpHeaders.CONTENT_TYPE, "application/json");
        assertHuman(http.exchange("/api/orders", HttpMethod.POST, new HttpEntity<>(VALID, html), String.class), 406);

        HttpHeaders text = new HttpHeaders();
        text.setBearerAuth(token);
        text.set(HttpHeaders.CONTENT_TYPE, "text/plain");
        assertHuman(http.exchange("/api/orders", HttpMethod.POST, new HttpEntity<>(VALID, text), String.class), 415);

        assertHuman(ApiCalls.call(http, HttpMethod.DELETE, "/api/orders", token, null), 405);
        assertHuman(ApiCalls.call(http, HttpMethod.GET, "/api/nothing-here", token, null), 404);
        ResponseEntity<String> teapot = ApiCalls.call(http, HttpMethod.GET, "/api/teapot", token, null);
        assertHuman(teapot, 418);
        assertThat(teapot.getBody()).contains("\"title\":\"I'm a teapot\"");
    }

    private void assertRefused(String body, String detail) {
        ResponseEntity<String> r = post(body);
        assertThat(r.getStatusCode()).as(body + " -> " + r.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(detail(r.getBody())).as(body).contains(detail).doesNotContainPattern(INTERNALS);
    }

    static void assertHuman(ResponseEntity<String> r, int status) {
        assertThat(r.getStatusCode().value()).as(r.getBody()).isEqualTo(status);
        assertThat(String.valueOf(r.getHeaders().getContentType())).startsWith("application/problem+json");
        assertThat(detail(r.getBody())).as(r.getBody()).isNotBlank().doesNotContainPattern(INTERNALS);
    }

    private ResponseEntity<String> post(String body) {
        return ApiCalls.call(http, HttpMethod.POST, "/api/orders", token, body);
    }

    static String detail(String body) {
        if (body == null) {
            return null;
        }
        Matcher m = DETAIL.matcher(body);
        return m.find() ? m.group(1) : null;
    }

    private static String abbreviate(String s) {
        return s.length() > 100 ? s.substring(0, 100) + "…" : s;
    }
}
