package org.conpaas.gateway.route;

import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Which service answers which path. More specific paths come first: an application's network
 * belongs to vpn-service, the rest of /api/apps to app-service. Paths no route knows end in a
 * 404 problem (see ProblemExceptionHandler).
 */
@Configuration
class Routes {

    @Bean
    RouteLocator conpaasRoutes(RouteLocatorBuilder routes, GatewayProperties services) {
        return routes.routes()
                .route("identity", r -> r.order(10)
                        .path("/api/auth/**", "/api/me", "/api/users", "/api/users/**", "/.well-known/jwks.json")
                        .uri(services.identity()))
                .route("vpn", r -> r.order(20)
                        .path("/api/apps/*/network", "/api/apps/*/services/*/nodes/*/wireguard")
                        .uri(services.vpn()))
                .route("service-logs", r -> r.order(25).path("/api/apps/*/services/*/logs").uri(services.provisioning()))
                .route("service-database", r -> r.order(25).path("/api/apps/*/services/*/mysql", "/api/apps/*/services/*/mysql/**",
                        "/api/database-archives", "/api/database-archives/**").uri(services.provisioning()))
                .route("app", r -> r.order(30).path("/api/apps", "/api/apps/**", "/api/catalog").uri(services.app()))
                .route("cert", r -> r.order(40).path("/api/ca/**").uri(services.cert()))
                .route("provisioning", r -> r.order(50).path("/api/clouds", "/api/clouds/**", "/api/nodes", "/api/nodes/**")
                        .uri(services.provisioning()))
                .build();
    }
}
