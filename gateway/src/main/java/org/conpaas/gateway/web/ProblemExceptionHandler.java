package org.conpaas.gateway.web;

import io.netty.channel.ConnectTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.beans.TypeMismatchException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

/**
 * Every failure the gateway itself answers becomes problem+json: unknown paths (404), methods
 * (405), an unreachable service (503), a service too slow (504), anything else (500 with no
 * internals). Responses from the services pass through untouched.
 */
@Component
@Order(-2)
class ProblemExceptionHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);
    /** A reason written by a library that gives away Java types, packages or methods. */
    private static final java.util.regex.Pattern INTERNALS =
            java.util.regex.Pattern.compile("java\\.|org\\.|com\\.|\\bclass\\b|\\$|Exception|\\(\\w+\\.java");

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        String method = exchange.getRequest().getMethod().name();
        String path = exchange.getRequest().getPath().value();
        if (error instanceof PayloadTooLargeException tooLarge) {
            return Problems.write(exchange, HttpStatus.PAYLOAD_TOO_LARGE, "Payload too large", tooLarge.getMessage());
        }
        if (error instanceof ServerWebInputException input && input.getMethodParameter() != null
                && causedBy(error, TypeMismatchException.class)) {
            // a query parameter of the gateway's own endpoints that does not convert (limit=abc): say which and what it takes
            Class<?> type = input.getMethodParameter().getParameterType();
            String wanted = type == int.class || type == long.class || type == Integer.class || type == Long.class
                    ? "a whole number" : "a " + type.getSimpleName().toLowerCase(java.util.Locale.ROOT);
            return Problems.write(exchange, HttpStatus.BAD_REQUEST, "Bad Request",
                    "the parameter '" + input.getMethodParameter().getParameterName() + "' must be " + wanted);
        }
        if (error instanceof ResponseStatusException status) {
            HttpStatus code = HttpStatus.resolve(status.getStatusCode().value());
            if (code == HttpStatus.NOT_FOUND) {
                return Problems.write(exchange, code, "Not found", "no such endpoint: " + method + " " + path);
            }
            if (code == HttpStatus.GATEWAY_TIMEOUT) {
                return Problems.write(exchange, code, "Gateway timeout", "the " + service(exchange) + " service did not answer in time");
            }
            if (code == HttpStatus.SERVICE_UNAVAILABLE) {
                return unavailable(exchange);
            }
            String reason = status.getReason() == null || INTERNALS.matcher(status.getReason()).find()
                    ? "the request was refused (" + (code == null ? status.getStatusCode().value() : code.getReasonPhrase()) + ")"
                    : status.getReason();
            return Problems.write(exchange, status.getStatusCode(), code == null ? "Error" : code.getReasonPhrase(), reason);
        }
        if (causedBy(error, ConnectException.class) || causedBy(error, ConnectTimeoutException.class)) {
            return unavailable(exchange);
        }
        if (causedBy(error, TimeoutException.class)) {
            return Problems.write(exchange, HttpStatus.GATEWAY_TIMEOUT, "Gateway timeout",
                    "the " + service(exchange) + " service did not answer in time");
        }
        log.error("unexpected failure on {} {}", method, path, error);
        return Problems.write(exchange, HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "the gateway failed unexpectedly; quote the X-Request-Id header when you report it");
    }

    private static Mono<Void> unavailable(ServerWebExchange exchange) {
        return Problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable",
                "the " + service(exchange) + " service is unavailable; try again shortly");
    }

    private static String service(ServerWebExchange exchange) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        return route == null ? "requested" : route.getId();
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
