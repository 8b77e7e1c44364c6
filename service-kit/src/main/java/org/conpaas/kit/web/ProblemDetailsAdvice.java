package org.conpaas.kit.web;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.stream.Collectors;

/**
 * Every error a service returns is RFC 9457 problem+json with a detail a person can act on;
 * never a stack trace. Unexpected failures are logged with the request id and answered with a
 * generic 500 problem.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);
    /** What a detail written by a library rather than by us gives away: Java types, packages, methods. */
    static final java.util.regex.Pattern INTERNALS =
            java.util.regex.Pattern.compile("java\\.|org\\.|com\\.|\\bclass\\b|\\$|Exception|\\(\\w+\\.java");

    @ExceptionHandler(ApiException.class)
    ProblemDetail api(ApiException e) {
        ProblemDetail p = problem(e.status(), e.title(), e.getMessage());
        if (!e.errors().isEmpty()) {
            p.setProperty("errors", e.errors());
        }
        return p;
    }

    @ExceptionHandler(CommandExecutionException.class)
    ProblemDetail command(CommandExecutionException e) {
        Object details = e.getDetails().orElse(null);
        if (details instanceof ApiException api) {
            return api(api);
        }
        Throwable cause = rootCause(e);
        if (cause instanceof ApiException api) {
            return api(api);
        }
        if (cause instanceof DuplicateKeyException) {
            return problem(HttpStatus.CONFLICT, "Conflict", "that already exists");
        }
        if (cause instanceof IllegalArgumentException || cause instanceof IllegalStateException) {
            return problem(HttpStatus.CONFLICT, "Conflict", cause.getMessage() == null || INTERNALS.matcher(cause.getMessage()).find()
                    ? "the request conflicts with the current state" : cause.getMessage());
        }
        return unexpected(e);
    }

    @ExceptionHandler(org.conpaas.kit.domain.RuleViolationException.class)
    ProblemDetail rule(org.conpaas.kit.domain.RuleViolationException e) {
        return problem(HttpStatus.CONFLICT, "Conflict", e.getMessage());
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ProblemDetail missing(AggregateNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", "no such resource: " + e.getAggregateIdentifier());
    }

    @ExceptionHandler(DuplicateKeyException.class)
    ProblemDetail duplicate(DuplicateKeyException e) {
        return problem(HttpStatus.CONFLICT, "Conflict", "that already exists");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request",
                "'" + e.getName() + "' has an invalid value: " + abbreviate(String.valueOf(e.getValue())));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail denied(AccessDeniedException e) {
        return problem(HttpStatus.FORBIDDEN, "Forbidden", "you may not do this");
    }

    /** The firewall refuses a parameter name or value only when a controller first reads it. */
    @ExceptionHandler(org.springframework.security.web.firewall.RequestRejectedException.class)
    ProblemDetail rejected(org.springframework.security.web.firewall.RequestRejectedException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", "the request's parameters contain characters that are not allowed");
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        if (rootCause(e) instanceof java.sql.SQLException sql && sql.getSQLState() != null
                && (sql.getSQLState().equals("22021") || sql.getSQLState().equals("22P05"))) {
            // PostgreSQL cannot store the text (a NUL character, say): the caller's input, not our failure
            return problem(HttpStatus.BAD_REQUEST, "Invalid request", "the text contains characters that cannot be stored (such as NUL)");
        }
        log.error("unexpected failure", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "the service failed unexpectedly; quote the X-Request-Id header when you report it");
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        Throwable cause = rootCause(e);
        String detail = cause instanceof ApiException ? cause.getMessage() : UnreadableBody.detail(e);
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Invalid request", detail));
    }

    /** Spring's own refusals (405, 406, 415, missing parameters…): kept, unless their detail names Java internals. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> answer = super.handleExceptionInternal(e, body, headers, status, request);
        if (answer != null && answer.getBody() instanceof ProblemDetail p
                && (p.getDetail() == null || INTERNALS.matcher(p.getDetail()).find())) {
            String method = request instanceof org.springframework.web.context.request.ServletWebRequest web
                    ? web.getRequest().getMethod() : null;
            String path = request instanceof org.springframework.web.context.request.ServletWebRequest web
                    ? web.getRequest().getRequestURI() : null;
            p.setDetail(StatusProblems.detail(status.value(), method, path));
        }
        return answer;
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        String detail = e.getBindingResult().getFieldErrors().stream()
                .map(f -> f.getField() + " " + f.getDefaultMessage())
                .collect(Collectors.joining("; "));
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Invalid request", detail));
    }

    static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(title);
        return p;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        String oneLine = s.replaceAll("\\s+", " ");
        return oneLine.length() > 200 ? oneLine.substring(0, 200) + "…" : oneLine;
    }

}
