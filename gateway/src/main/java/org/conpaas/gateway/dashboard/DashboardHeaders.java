package org.conpaas.gateway.dashboard;

import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The dashboard's pages may run only the gateway's own scripts and styles and talk only to the
 * gateway: the tokens in sessionStorage are out of reach of anything injected.
 */
@Component
class DashboardHeaders implements WebFilter {

    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().value();
        if (!path.startsWith("/api/") && !path.startsWith("/actuator") && !path.startsWith("/.well-known/")) {
            exchange.getResponse().getHeaders().set("Content-Security-Policy", POLICY);
            exchange.getResponse().getHeaders().set("Referrer-Policy", "no-referrer");
        }
        return chain.filter(exchange);
    }
}
