package org.conpaas.kit.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.conpaas.kit.web.ProblemWriter;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;

/**
 * Every service is an OAuth2 resource server of ConPaaS tokens: RS256 JWTs signed by
 * identity-service, checked against its JWKS, issuer and audience. The gateway checks them too;
 * services check again so that no internal port trusts a caller blindly.
 */
@AutoConfiguration(before = SecurityAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(SecurityProperties.class)
public class ResourceServerConfiguration {

    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(SecurityProperties properties, RevokedTokens revoked) {
        OAuth2TokenValidator<Jwt> validator = tokenValidator(properties.issuer(), revoked);
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwksUri()).build();
        decoder.setJwtValidator(validator);
        return new VerifiedTokens(decoder, validator);
    }

    /** The tokens identity-service revoked (fed by {@link TokenRevocationConfiguration}'s listener). */
    @Bean
    @ConditionalOnMissingBean
    RevokedTokens revokedTokens(SecurityProperties properties) {
        return new RevokedTokens(properties.revocationsKeptFor(), java.time.Clock.systemUTC());
    }

    /** {@link #tokenValidator(String)} and not revoked: checked on every use of a token, known or not. */
    public static OAuth2TokenValidator<Jwt> tokenValidator(String issuer, RevokedTokens revoked) {
        return new DelegatingOAuth2TokenValidator<>(tokenValidator(issuer), revoked);
    }

    /** Issuer, expiry (with a small clock-skew allowance) and the ConPaaS audience. */
    public static OAuth2TokenValidator<Jwt> tokenValidator(String issuer) {
        OAuth2TokenValidator<Jwt> audience = jwt -> jwt.getAudience() != null && jwt.getAudience().contains(TokenClaims.AUDIENCE)
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "the token is not meant for ConPaaS", null));
        return new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(issuer), audience);
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain conpaasSecurity(HttpSecurity http, SecurityProperties properties) throws Exception {
        ProblemSecurityHandlers problems = new ProblemSecurityHandlers();
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> {
                    auth.requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info", "/error").permitAll();
                    // the description of the public API (the gateway merges it into GET /api/openapi.json)
                    auth.requestMatchers("/v3/api-docs").permitAll();
                    for (String path : properties.publicPaths()) {
                        auth.requestMatchers(path).permitAll();
                    }
                    // a node certificate opens the node protocol only; users and administrators reach the rest
                    for (String path : properties.nodePaths()) {
                        auth.requestMatchers(path).authenticated();
                    }
                    auth.anyRequest().hasAnyRole("USER", "ADMIN");
                })
                .oauth2ResourceServer(rs -> rs
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(source -> {
                            CurrentUser user = CurrentUserArgumentResolver.fromJwt(source);
                            return new org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken(
                                    source, List.of(new SimpleGrantedAuthority("ROLE_" + user.role().toUpperCase())), source.getSubject());
                        }))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .addFilterBefore(new ClientCertificateFilter(properties.clientCertificateSecret(),
                                new CertificateAuthorityTrust(java.net.URI.create(properties.certificateAuthorityUrl()),
                                        properties.crlRefresh(), java.time.Clock.systemUTC())),
                        org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter.class);
        return http.build();
    }

    /** A path or header the firewall refuses (encoded slashes, %00, …) is a 400 problem, not an error page. */
    @Bean
    RequestRejectedHandler problemForRejectedRequests() {
        return (request, response, rejected) -> ProblemWriter.write(response, 400, "Invalid request",
                "the request path or headers contain characters that are not allowed");
    }

    @Bean
    WebMvcConfigurer currentUserResolver() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CurrentUserArgumentResolver());
                resolvers.add(new CurrentNodeArgumentResolver());
            }
        };
    }
}
