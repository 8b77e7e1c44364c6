package org.conpaas.identity.sso;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.List;

/**
 * Single sign-on through a Keycloak realm that brokers external identity providers (SAML 2.0,
 * OpenID Connect). Off unless {@code enabled}: the nutshell runs without Keycloak.
 *
 * @param enabled            whether the SSO endpoints answer at all
 * @param issuerUri          the Keycloak realm, e.g. {@code https://sso.example.org/realms/conpaas}: its
 *                           OpenID configuration is read from {@code <issuerUri>/.well-known/openid-configuration}
 * @param clientId           identity-service's confidential client in that realm
 * @param clientSecret       its secret
 * @param providers          the identity providers offered, by their Keycloak alias ({@code kc_idp_hint})
 * @param clockSkew          how far this machine's clock and Keycloak's may differ when checking ID tokens
 * @param loginTtl           how long a started login (its state, nonce, PKCE verifier) may take
 * @param codeTtl            how long the one-time code the browser exchanges for tokens lives
 * @param endProviderSession whether logout also sends the browser to Keycloak's end-session endpoint
 */
@Validated
@ConfigurationProperties("conpaas.sso")
public record SsoProperties(@DefaultValue("false") boolean enabled,
                            @DefaultValue("") String issuerUri,
                            @DefaultValue("") String clientId,
                            @DefaultValue("") String clientSecret,
                            @Valid @DefaultValue({}) List<Provider> providers,
                            @DefaultValue("30s") @NotNull Duration clockSkew,
                            @DefaultValue("10m") @NotNull Duration loginTtl,
                            @DefaultValue("60s") @NotNull Duration codeTtl,
                            @DefaultValue("true") boolean endProviderSession) {

    /** @param id the provider's alias in Keycloak; @param name what the sign-in button says */
    public record Provider(@NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{1,100}") String id, @NotBlank String name) {
    }

    @AssertTrue(message = "conpaas.sso.enabled=true needs conpaas.sso.issuer-uri, client-id, client-secret and at least "
            + "one of conpaas.sso.providers[n].id/name")
    public boolean isComplete() {
        return !enabled || !issuerUri.isBlank() && !clientId.isBlank() && !clientSecret.isBlank() && !providers.isEmpty();
    }

    @AssertTrue(message = "conpaas.sso.clock-skew, login-ttl and code-ttl must be positive (clock-skew may be 0)")
    public boolean isSensible() {
        return clockSkew == null || loginTtl == null || codeTtl == null
                || !clockSkew.isNegative() && !loginTtl.isNegative() && !loginTtl.isZero() && !codeTtl.isNegative() && !codeTtl.isZero();
    }

    String issuer() {
        return issuerUri.endsWith("/") ? issuerUri.substring(0, issuerUri.length() - 1) : issuerUri;
    }

    java.util.Optional<Provider> provider(String id) {
        return providers.stream().filter(p -> p.id().equals(id)).findFirst();
    }
}
