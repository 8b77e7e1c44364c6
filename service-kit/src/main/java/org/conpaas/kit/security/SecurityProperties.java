package org.conpaas.kit.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.List;

/**
 * How a service checks the ConPaaS tokens it is called with.
 *
 * @param jwksUri     where identity-service publishes its signing keys
 * @param issuer      the issuer every token must name
 * @param publicPaths request paths (Ant patterns) open without a token, besides health
 * @param clientCertificateSecret the secret shared with the gateway: it proves (HMAC-SHA256) the client
 *                    certificates it verified and forwards; without it, forwarded certificates are refused
 * @param nodePaths   the node protocol (Ant patterns): the only paths a caller authenticated by a node
 *                    certificate may reach (heartbeat, code download, WireGuard registration, database
 *                    archives and loads of mysql nodes); each
 *                    controller there still checks that the node asks about itself
 * @param revocationsKeptFor how long a revoked session or disabled user is remembered (tokens refused):
 *                    at least identity-service's access-token lifetime ({@code conpaas.identity.token.access-ttl})
 * @param certificateAuthorityUrl cert-service's base URL: a forwarded client certificate must chain to the CA it
 *                    publishes and not be on its CRL, besides carrying the gateway's proof
 * @param crlRefresh  how old the CRL read from there may grow before it is read again
 */
@Validated
@ConfigurationProperties("conpaas.security")
public record SecurityProperties(@DefaultValue("http://127.0.0.1:18081/.well-known/jwks.json") @NotBlank String jwksUri,
                                 @DefaultValue("conpaas") @NotBlank String issuer,
                                 @DefaultValue({}) List<String> publicPaths,
                                 String clientCertificateSecret,
                                 @DefaultValue({"/api/nodes/*/heartbeat", "/api/apps/*/services/*/code",
                                         "/api/apps/*/services/*/nodes/*/wireguard", "/api/nodes/*/database-archives/**",
                                         "/api/nodes/*/database-imports/**"}) List<String> nodePaths,
                                 @DefaultValue("1h") @NotNull Duration revocationsKeptFor,
                                 @DefaultValue("http://127.0.0.1:18084") @NotBlank String certificateAuthorityUrl,
                                 @DefaultValue("5s") @NotNull Duration crlRefresh) {
}
