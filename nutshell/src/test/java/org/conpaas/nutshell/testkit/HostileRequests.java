package org.conpaas.nutshell.testkit;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.conpaas.kit.test.HostileInput;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A generated corpus of hostile requests for one endpoint, built with jqwik's generators from the
 * same hostile strings and bodies the services' own tests use: path variables that are the
 * caller's real ids (so a body reaches validation) or injection and Unicode junk, query strings,
 * wrong content types, malformed, wrongly typed, deeply nested and oversized bodies, sent as the
 * owner or as an administrator.
 */
public final class HostileRequests {

    /** Paths open without a token (logging in; the CA's certificate, CRL and node enrollment; the JWKS). */
    private static final List<String> OPEN = List.of("/api/auth/", "/api/ca/certificate", "/api/ca/crl", "/api/ca/enroll",
            "/.well-known/", "/api/platform/health", "/api/openapi.json");
    private static final List<String> FIELDS = List.of("name", "type", "nodes", "clouds", "username", "password", "role",
            "amount", "reason", "publicKey", "csr", "token", "code", "refreshToken");
    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");

    /** One request of the corpus. */
    public record Request(String method, String path, String body, String contentType, boolean admin) {
        @Override
        public String toString() {
            return (admin ? "admin " : "owner ") + method + " " + abbreviate(path) + " [" + contentType + "] " + abbreviate(String.valueOf(body));
        }
    }

    private final Map<String, String> realIds;
    private final Arbitrary<String> junk = Arbitraries.oneOf(Arbitraries.of(HostileInput.strings(0)),
            Arbitraries.strings().all().ofMaxLength(80), Arbitraries.strings().withCharRange('!', '~').ofMaxLength(300));
    private final Arbitrary<String> bodies;

    /** {@code realIds}: path variable name → an id of the caller's own resource. */
    public HostileRequests(Map<String, String> realIds) {
        this.realIds = Map.copyOf(realIds);
        List<String> all = new ArrayList<>();
        for (String field : FIELDS) {
            all.addAll(HostileInput.bodies(field, 0));
        }
        Arbitrary<String> fieldWithJunk = Combinators.combine(Arbitraries.of(FIELDS), junk)
                .as((field, value) -> "{\"" + field + "\":" + HostileInput.json(value) + "}");
        Arbitrary<String> wronglyTyped = Combinators.combine(Arbitraries.of(FIELDS),
                        Arbitraries.of("null", "-1", "0", "2147483648", "1e309", "[]", "{}", "true", "\"\"", "[\"a\",null]"))
                .as((field, value) -> "{\"" + field + "\":" + value + "}");
        this.bodies = Arbitraries.oneOf(Arbitraries.of(all), fieldWithJunk, wronglyTyped,
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(200));
    }

    /** {@code count} generated requests against {@code endpoint}. */
    public List<Request> against(MappedEndpoints.Endpoint endpoint, int count) {
        boolean takesBody = List.of("POST", "PUT", "PATCH").contains(endpoint.method());
        Arbitrary<String> path = pathOf(endpoint);
        Arbitrary<String> query = Arbitraries.oneOf(Arbitraries.just(""),
                Combinators.combine(junk, junk).as((k, v) -> "?" + encode(k) + "=" + encode(v)));
        Arbitrary<String> body = takesBody ? bodies : bodies.injectNull(0.7);
        Arbitrary<String> contentType = Arbitraries.of("application/json", "application/json", "text/plain", "application/xml",
                "application/json; charset=utf-16", "multipart/form-data; boundary=x", "application/zip", "*/*", "");
        return Combinators.combine(path, query, body, contentType, Arbitraries.of(false, false, true))
                .as((p, q, b, type, admin) -> new Request(endpoint.method(), p + q, b,
                        type.isEmpty() || b == null ? null : type, admin))
                .sampleStream().limit(count).toList();
    }

    /** The path with each variable the caller's own id or junk; DELETEs never name a real resource (the corpus would delete its own target). */
    private Arbitrary<String> pathOf(MappedEndpoints.Endpoint endpoint) {
        Matcher variables = VARIABLE.matcher(endpoint.pattern());
        List<String> names = new ArrayList<>();
        while (variables.find()) {
            names.add(variables.group(1));
        }
        if (names.isEmpty()) {
            return Arbitraries.just(endpoint.pattern());
        }
        boolean mayBeReal = !endpoint.method().equals("DELETE") && !endpoint.pattern().endsWith("/start")
                && !endpoint.pattern().endsWith("/nodes") && !endpoint.pattern().endsWith("/revoke");
        return Arbitraries.of(true, false).flatMap(real -> {
            List<Arbitrary<String>> values = new ArrayList<>();
            for (String name : names) {
                String id = realIds.get(name);
                values.add(real && mayBeReal && id != null ? Arbitraries.just(id) : junk.map(HostileRequests::encode));
            }
            return Combinators.combine(values).as(filled -> {
                String path = endpoint.pattern();
                for (String value : filled) {
                    path = VARIABLE.matcher(path).replaceFirst(Matcher.quoteReplacement(value));
                }
                return path;
            });
        });
    }

    public static boolean isOpen(String path) {
        return OPEN.stream().anyMatch(path::startsWith);
    }

    /** What is wrong with an answer: a 5xx, internals shown, a refusal not in problem+json, a refusal that stored something. */
    public static List<String> problems(Request request, int status, String contentType, String body, List<String> grown) {
        List<String> wrong = new ArrayList<>();
        String what = request + " -> " + status;
        if (status >= 500) {
            wrong.add(what + " " + abbreviate(body));
        }
        if (body.contains("Exception") || body.contains("\tat ") || body.matches("(?s).*\\bat (org|java|com)\\.[a-z].*")) {
            wrong.add(what + " shows internals: " + abbreviate(body));
        }
        if (status >= 400 && status < 500 && !contentType.startsWith("application/problem+json")) {
            wrong.add(what + " is refused without problem+json (" + contentType + ")");
        }
        if (status >= 400 && !grown.isEmpty()) {
            wrong.add(what + " was refused but stored rows: " + grown);
        }
        return wrong;
    }

    /** Requests no well-behaved HTTP client sends: bad escapes, bad request lines, lying lengths, huge headers. */
    public static List<String> rawRequests() {
        String host = "Host: 127.0.0.1\r\n";
        return List.of(
                "GET /api/apps/%zz HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n",
                "GET /api/apps/%00 HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n",
                "GET /api/apps/..%2f..%2f..%2fetc%2fpasswd HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n",
                "GET /api/../../etc/passwd HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n",
                "BREW /api/apps HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n",
                "GET /api/apps HTTP/9.9\r\n" + host + "Connection: close\r\n\r\n",
                "GET  HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n",
                "POST /api/auth/login HTTP/1.1\r\n" + host + "Content-Type: application/json\r\nContent-Length: 5000\r\nConnection: close\r\n\r\n{\"username\":",
                "POST /api/auth/login HTTP/1.1\r\n" + host + "Content-Type: application/json\r\nContent-Length: -1\r\nConnection: close\r\n\r\n{}",
                "POST /api/auth/login HTTP/1.1\r\n" + host + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                        + "Content-Length: 2\r\nConnection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
                "GET /api/apps HTTP/1.1\r\n" + host + "Authorization: Bearer " + "a.".repeat(20_000) + "b\r\nConnection: close\r\n\r\n",
                "GET /api/apps HTTP/1.1\r\n" + host + "X-Junk: " + "x".repeat(70_000) + "\r\nConnection: close\r\n\r\n",
                "GET /api/apps HTTP/1.1\r\n" + host + "Authorization: Bearer \u00ff\u00fe\r\nConnection: close\r\n\r\n",
                "GET /api/apps?" + "a=1&".repeat(5_000) + " HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n");
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 120 ? s.substring(0, 120) + "…" : s;
    }
}
