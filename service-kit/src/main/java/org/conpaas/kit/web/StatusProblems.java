package org.conpaas.kit.web;

import org.springframework.http.HttpStatus;

/**
 * The title and a plain detail for a refusal that reaches no controller: Tomcat's own (bad
 * request line, headers too large) and Spring's error dispatch. Never the exception behind it.
 */
final class StatusProblems {

    private StatusProblems() {
    }

    static String title(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known == null ? "Error" : known.getReasonPhrase();
    }

    static String detail(int status, String method, String path) {
        return switch (status) {
            case 400 -> "the request is not well-formed HTTP or has characters that are not allowed in its path or headers";
            case 401 -> "log in first: send a ConPaaS token as 'Authorization: Bearer …'";
            case 403 -> "you may not do this";
            case 404 -> method == null || path == null ? "no such endpoint" : "no such endpoint: " + method + " " + abbreviate(path);
            case 405 -> "this endpoint does not accept " + (method == null ? "this method" : method);
            case 406 -> "this endpoint answers only with JSON: accept application/json";
            case 408 -> "the request took too long to arrive";
            case 411 -> "the request needs a Content-Length";
            case 413 -> "the request body is larger than accepted";
            case 414 -> "the request's URI is longer than accepted";
            case 415 -> "this endpoint accepts only application/json bodies";
            case 431 -> "the request's headers are larger than accepted";
            case 501 -> "the request uses an HTTP feature (method or transfer coding) this service does not implement";
            case 505 -> "the HTTP version is not supported; use HTTP/1.1";
            default -> status >= 500 ? "the service failed unexpectedly; quote the X-Request-Id header when you report it"
                    : "the request was refused (" + title(status) + ")";
        };
    }

    private static String abbreviate(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "…" : s;
    }
}
