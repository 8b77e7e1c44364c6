package org.conpaas.kit.web;

import org.springframework.http.HttpStatus;

/**
 * A request the service refuses for a reason the caller can act on; rendered as RFC 9457
 * problem+json with {@link #getMessage()} as its {@code detail}.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String title;
    private final java.util.List<String> errors;

    public ApiException(HttpStatus status, String title, String detail) {
        this(status, title, detail, java.util.List.of());
    }

    private ApiException(HttpStatus status, String title, String detail, java.util.List<String> errors) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = java.util.List.copyOf(errors);
    }

    /** 400 listing every problem of a document (a manifest) as {@code errors}, one line each, {@code detail} summing them up. */
    public static ApiException invalid(String detail, java.util.List<String> errors) {
        return new ApiException(HttpStatus.BAD_REQUEST, "Invalid request", detail, errors);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(HttpStatus.NOT_FOUND, "Not found", detail);
    }

    public static ApiException conflict(String detail) {
        return new ApiException(HttpStatus.CONFLICT, "Conflict", detail);
    }

    public static ApiException invalid(String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, "Invalid request", detail);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(HttpStatus.FORBIDDEN, "Forbidden", detail);
    }

    public static ApiException unauthorized(String detail) {
        return new ApiException(HttpStatus.UNAUTHORIZED, "Unauthorized", detail);
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The problems behind {@code detail}, one line each (a problem+json {@code errors} member); empty for most. */
    public java.util.List<String> errors() {
        return errors;
    }
}
