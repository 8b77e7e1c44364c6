package org.conpaas.gateway.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;

/**
 * What the security firewall refuses before routing (encoded slashes or backslashes, %00, %25,
 * "//", control characters in the path) is a 400 problem+json like every other refusal, not an
 * empty answer.
 */
@Configuration
class RejectedExchanges {

    @Bean
    ServerExchangeRejectedHandler problemForRejectedExchanges() {
        return (exchange, rejected) -> Problems.write(exchange, HttpStatus.BAD_REQUEST, "Invalid request",
                "the request path contains characters or sequences that are not allowed (encoded '/', '\\', '%', NUL, '//')");
    }
}
