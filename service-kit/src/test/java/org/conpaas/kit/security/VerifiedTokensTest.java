package org.conpaas.kit.security;

import org.conpaas.kit.test.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A known token saves the signature check, never the claims checks. */
class VerifiedTokensTest {

    private static final TestTokens ISSUER = TestTokens.ISSUER;
    private static final TestTokens STRANGER = new TestTokens("conpaas");

    private final AtomicInteger verifications = new AtomicInteger();
    private final JwtDecoder realCheck = ISSUER.decoder();
    private final JwtTimestampValidator expiry = new JwtTimestampValidator(Duration.ZERO);
    private final OAuth2TokenValidator<Jwt> claims = new DelegatingOAuth2TokenValidator<>(
            ResourceServerConfiguration.tokenValidator("conpaas"), expiry);
    private final VerifiedTokens tokens = new VerifiedTokens(token -> {
        verifications.incrementAndGet();
        return realCheck.decode(token);
    }, claims);

    @Test
    void verifiesTheSignatureOfATokenOnce() {
        String token = ISSUER.user("u-1", "ann");

        for (int i = 0; i < 3; i++) {
            assertThat(tokens.decode(token).getSubject()).isEqualTo("u-1");
        }
        assertThat(verifications).hasValue(1);
    }

    @Test
    void refusesAKnownTokenOnceItHasExpired() {
        String token = ISSUER.token("u-1", "ann", "user", Instant.now().plusSeconds(60));
        tokens.decode(token);

        expiry.setClock(Clock.fixed(Instant.now().plusSeconds(61), ZoneOffset.UTC));

        assertThatThrownBy(() -> tokens.decode(token)).isInstanceOf(JwtValidationException.class).hasMessageContaining("expired");
        assertThat(verifications).as("refused from memory").hasValue(1);
    }

    @Test
    void aTokenSignedByAnotherKeyIsVerifiedInFullAndRefused() {
        String known = ISSUER.user("u-1", "ann");
        tokens.decode(known);
        String forged = STRANGER.user("u-1", "ann");

        assertThatThrownBy(() -> tokens.decode(forged)).isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aTokenAlteredInOneCharacterIsNotKnown() {
        String token = ISSUER.user("u-1", "ann");
        tokens.decode(token);
        String altered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");

        assertThatThrownBy(() -> tokens.decode(altered)).isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aRefusedTokenIsNotRemembered() {
        String forged = STRANGER.user("u-1", "ann");

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> tokens.decode(forged)).isInstanceOf(BadJwtException.class);
        }
        assertThat(verifications).hasValue(2);
    }
}
