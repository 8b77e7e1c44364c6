package org.conpaas.gateway.security;

import org.conpaas.gateway.web.Problems;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.util.List;

/**
 * Every /api call needs a ConPaaS token or a ConPaaS client certificate (mutual TLS) (RS256, checked against identity-service's JWKS, issuer,
 * audience, expiry) except logging in and the public health; 401s say what is wrong with the token.
 */
@Configuration
@EnableConfigurationProperties(TokenProperties.class)
class TokenSecurity {

    static final String AUDIENCE = "conpaas";

    @Bean
    RevokedTokens revokedTokens(com.fasterxml.jackson.databind.ObjectMapper json, TokenProperties properties) {
        return new RevokedTokens(json, properties.revocationsKeptFor(), Clock.systemUTC());
    }

    @Bean
    ReactiveJwtDecoder jwtDecoder(TokenProperties properties, RevokedTokens revoked) {
        Clock clock = Clock.systemUTC();
        OAuth2TokenValidator<Jwt> validator = new org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator<>(
                validator(properties.issuer(), clock), revoked);
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(properties.jwksUri()).build();
        decoder.setJwtValidator(validator);
        return new VerifiedTokenCache(decoder, validator, clock);
    }

    /** Spring's default checks (expiry and not-before on {@code clock}, issuer) and the ConPaaS audience. */
    static OAuth2TokenValidator<Jwt> validator(String issuer, Clock clock) {
        JwtTimestampValidator timestamps = new JwtTimestampValidator();
        timestamps.setClock(clock);
        OAuth2TokenValidator<Jwt> audience = jwt -> jwt.getAudience() != null && jwt.getAudience().contains(AUDIENCE)
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "the token is not meant for ConPaaS", null));
        return JwtValidators.createDefaultWithValidators(List.of(timestamps, new JwtIssuerValidator(issuer), audience));
    }

    /**
     * No Micrometer observation around each security filter, authentication and authorization:
     * about a tenth of the gateway's CPU per request, for timers no one reads (the gateway exports
     * no metrics). The request as a whole is still observed (http.server.requests).
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    SecurityWebFilterChain conpaasSecurity(ServerHttpSecurity http, ReactiveJwtDecoder decoder) {
        ServerAuthenticationEntryPoint entryPoint = TokenSecurity::refuse;
        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/api/auth/**", "/.well-known/jwks.json", "/api/platform/health", "/api/openapi.json",
                                "/actuator/health", "/actuator/health/**",
                                // the CA's certificate and CRL, and node enrollment (a one-time token, no JWT)
                                "/api/ca/certificate", "/api/ca/crl", "/api/ca/enroll").permitAll()
                        // a bearer token, or a client certificate verified in the TLS handshake and not revoked
                        .pathMatchers("/api/**").access((authentication, context) -> Boolean.TRUE.equals(
                                        context.getExchange().getAttribute(ClientCertificateForwarding.VERIFIED))
                                ? Mono.just(new org.springframework.security.authorization.AuthorizationDecision(true))
                                : authentication.map(a -> new org.springframework.security.authorization.AuthorizationDecision(a.isAuthenticated()))
                                        .defaultIfEmpty(new org.springframework.security.authorization.AuthorizationDecision(false)))
                        .anyExchange().permitAll())
                .oauth2ResourceServer(rs -> rs.jwt(jwt -> jwt.jwtDecoder(decoder)).authenticationEntryPoint(entryPoint))
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler((exchange, denied) ->
                                Problems.write(exchange, HttpStatus.FORBIDDEN, "Forbidden", "you may not do this")))
                .build();
    }

    static Mono<Void> refuse(ServerWebExchange exchange, AuthenticationException e) {
        if (e instanceof AuthenticationServiceException) {
            return Problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable",
                    "tokens cannot be checked right now (identity-service's keys are unreachable); try again shortly");
        }
        exchange.getResponse().getHeaders().set("WWW-Authenticate", "Bearer");
        String auth = exchange.getRequest().getHeaders().getFirst("Authorization");
        String detail = auth == null
                ? "log in first: send 'Authorization: Bearer <token>' from POST /api/auth/login"
                : "the token was refused: " + reason(e.getMessage());
        return Problems.write(exchange, HttpStatus.UNAUTHORIZED, "Unauthorized", detail);
    }

    private static String reason(String message) {
        String m = message == null ? "" : message;
        if (m.contains(RevokedTokens.REVOKED)) {
            return "the token was revoked (you logged out, the session ended or the account was disabled); log in again";
        }
        if (m.contains("expired")) {
            return "the token has expired; log in again or refresh it";
        }
        if (m.contains("signature") || m.contains("Signed JWT rejected") || m.contains("Another algorithm")
                || m.contains("Failed to validate the token")) {
            return "the token's signature does not verify";
        }
        if (m.contains("iss")) {
            return "the token was issued by someone else";
        }
        if (m.contains("not meant for ConPaaS")) {
            return "the token is not meant for ConPaaS";
        }
        if (m.contains("Malformed") || m.contains("Invalid JWT") || m.contains("Invalid unsecured")) {
            return "the token is not a well-formed JWT";
        }
        return m.replace("An error occurred while attempting to decode the Jwt: ", "");
    }
}
