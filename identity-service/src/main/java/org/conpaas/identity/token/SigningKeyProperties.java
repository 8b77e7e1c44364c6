package org.conpaas.identity.token;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How the token-signing keys are kept.
 *
 * @param passphrase encrypts the private keys at rest (env {@code CONPAAS_IDENTITY_SIGNINGKEY_PASSPHRASE}; the
 *                   nutshell generates one into its data directory); at least 16 characters, required
 * @param grace      how long past the access-token lifetime a retired key stays in the JWKS: the clock-skew
 *                   allowance of the services that check tokens (60 s, Spring Security's default)
 */
@Validated
@ConfigurationProperties("conpaas.identity.signing-key")
public record SigningKeyProperties(
        @NotNull(message = "set conpaas.identity.signing-key.passphrase (env CONPAAS_IDENTITY_SIGNINGKEY_PASSPHRASE): it encrypts the token-signing key")
        @Size(min = 16, message = "conpaas.identity.signing-key.passphrase must have at least 16 characters")
        String passphrase,
        @DefaultValue("60s") @NotNull Duration grace) {

    @Override
    public String toString() {
        return "SigningKeyProperties[passphrase=(hidden), grace=" + grace + "]";
    }
}
