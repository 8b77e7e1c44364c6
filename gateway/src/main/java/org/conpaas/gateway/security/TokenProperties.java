package org.conpaas.gateway.security;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the gateway finds identity-service's signing keys, the issuer tokens must name, and the
 * secret it proves forwarded client certificates with (shared with the services), and how long a
 * token revocation is remembered (at least identity-service's access-token lifetime).
 */
@Validated
@ConfigurationProperties("conpaas.security")
public record TokenProperties(@DefaultValue("http://127.0.0.1:18081/.well-known/jwks.json") @NotBlank String jwksUri,
                              @DefaultValue("conpaas") @NotBlank String issuer,
                              String clientCertificateSecret,
                              @DefaultValue("1h") java.time.Duration revocationsKeptFor) {
}
