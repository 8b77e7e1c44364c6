package org.conpaas.gateway.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import org.conpaas.gateway.TestKeys;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A remembered token saves the signature check, never the checks themselves. */
class VerifiedTokenCacheTest {

    private static final RSAKey KEY = TestKeys.rsa();
    private static final RSAKey STRANGER = TestKeys.rsa();
    private static final Instant START = Instant.parse("2026-11-25T10:00:00Z");

    private final MovableClock clock = new MovableClock();
    private final AtomicInteger verifications = new AtomicInteger();
    private final VerifiedTokenCache tokens = cache();

    @Test
    void verifiesTheSignatureOfATokenOnce() {
        String token = token(KEY, "conpaas", "conpaas", Duration.ofMinutes(15));

        for (int i = 0; i < 3; i++) {
            assertThat(tokens.decode(token).block().getSubject()).isEqualTo("u-1");
        }
        assertThat(verifications).hasValue(1);
    }

    @Test
    void refusesARememberedTokenOnceItHasExpired() {
        String token = token(KEY, "conpaas", "conpaas", Duration.ofMinutes(1));
        tokens.decode(token).block();

        clock.advance(Duration.ofMinutes(2).plusSeconds(1)); // past the expiry and Spring's 60 s of clock skew

        assertThatThrownBy(() -> tokens.decode(token).block()).isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("expired");
        assertThat(verifications).as("refused from memory, as the verifier would").hasValue(1);
    }

    @Test
    void refusesForgedTokensBesideARememberedOne() {
        String genuine = token(KEY, "conpaas", "conpaas", Duration.ofMinutes(15));
        tokens.decode(genuine).block();
        String[] parts = genuine.split("\\.");
        String signedByStranger = token(STRANGER, "conpaas", "conpaas", Duration.ofMinutes(15));
        String otherSignature = parts[0] + "." + parts[1] + "." + signedByStranger.split("\\.")[2];
        String alteredClaims = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1])).replace("u-1", "u-2").getBytes()) + "." + parts[2];

        for (String forged : new String[]{signedByStranger, otherSignature, alteredClaims}) {
            assertThatThrownBy(() -> tokens.decode(forged).block()).isInstanceOf(BadJwtException.class)
                    .hasRootCauseMessage("Signed JWT rejected: Invalid signature");
        }
        assertThat(tokens.decode(genuine).block().getSubject()).isEqualTo("u-1");
        assertThat(verifications).hasValue(4);
    }

    @Test
    void refusesTokensForOthersAndDoesNotRememberThem() {
        String misaddressed = token(KEY, "conpaas", "elsewhere", Duration.ofMinutes(15));

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> tokens.decode(misaddressed).block()).hasMessageContaining("not meant for ConPaaS");
        }
        assertThat(verifications).hasValue(2);
        assertThat(tokens.size()).isZero();
    }

    @Test
    void verifiesAgainAfterItsTimeIsUp() {
        String token = token(KEY, "conpaas", "conpaas", Duration.ofHours(2));
        tokens.decode(token).block();

        clock.advance(VerifiedTokenCache.KEEP);
        tokens.decode(token).block();

        assertThat(verifications).hasValue(2);
    }

    @Test
    void remembersABoundedNumberOfTokens() {
        VerifiedTokenCache unchecked = new VerifiedTokenCache(
                token -> reactor.core.publisher.Mono.just(Jwt.withTokenValue(token).header("alg", "RS256").subject(token).build()),
                jwt -> OAuth2TokenValidatorResult.success(), clock);

        for (int i = 0; i <= VerifiedTokenCache.MAX_TOKENS + 10; i++) {
            unchecked.decode("token-" + i).block();
        }

        assertThat(unchecked.size()).isBetween(1, VerifiedTokenCache.MAX_TOKENS);
    }

    private VerifiedTokenCache cache() {
        var validator = TokenSecurity.validator("conpaas", clock);
        NimbusReactiveJwtDecoder nimbus = NimbusReactiveJwtDecoder.withPublicKey(rsaPublicKey()).build();
        nimbus.setJwtValidator(validator);
        ReactiveJwtDecoder counted = token -> {
            verifications.incrementAndGet();
            return nimbus.decode(token);
        };
        return new VerifiedTokenCache(counted, validator, clock);
    }

    private String token(RSAKey key, String issuer, String audience, Duration valid) {
        try {
            Instant now = clock.instant();
            JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("u-1").issuer(issuer).audience(audience)
                    .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(valid))).build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static java.security.interfaces.RSAPublicKey rsaPublicKey() {
        try {
            return KEY.toRSAPublicKey();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Time that a test moves on. */
    private static final class MovableClock extends Clock {
        private Instant now = START;

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
