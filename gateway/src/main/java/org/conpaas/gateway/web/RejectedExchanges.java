package org.conpaas.gateway.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;

/**
 * What the security firewall refuses before routing (encoded slashes or backslashes, %00, %25,
 * "//", control characters in the path; headers with control characters) is a 400 problem+json like
 * every other refusal, not an empty answer; a method outside the firewall's list (TRACE, …) a 405.
 */
@Configuration
class RejectedExchanges {

    @Bean
    ServerExchangeRejectedHandler problemForRejectedExchanges() {
        return (exchange, rejected) -> {
            String message = String.valueOf(rejected.getMessage());
            if (message.contains("HTTP method")) {
                // the firewall's list of methods: anything else (TRACE, CONNECT, made-up ones) never reaches a route
                exchange.getResponse().getHeaders().set("Allow", "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
                return Problems.write(exchange, HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed",
                        "the HTTP method is not accepted; use GET, HEAD, POST, PUT, PATCH, DELETE or OPTIONS");
            }
            if (message.contains("header")) {
                return Problems.write(exchange, HttpStatus.BAD_REQUEST, "Invalid request",
                        "a header name or value contains characters that are not allowed");
            }
            return Problems.write(exchange, HttpStatus.BAD_REQUEST, "Invalid request",
                    "the request path contains characters or sequences that are not allowed (encoded '/', '\\', '%', NUL, '//')");
        };
    }
}
