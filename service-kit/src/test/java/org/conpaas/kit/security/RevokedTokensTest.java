package org.conpaas.kit.security;

import org.conpaas.kit.test.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which tokens a revocation refuses, for how long it is remembered, and that a known token is refused at once. */
class RevokedTokensTest {

    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00.400Z");
    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final RevokedTokens revoked = new RevokedTokens(Duration.ofHours(1), clock);

    private static Jwt token(String user, String session, Instant issuedAt) {
        Jwt.Builder jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject(user)
                .issuedAt(issuedAt).expiresAt(issuedAt.plusSeconds(900));
        if (session != null) {
            jwt.claim(TokenClaims.SESSION, session);
        }
        return jwt.build();
    }

    @Test
    void anEndedSessionRefusesEveryTokenOfItAndNoOther() {
        revoked.sessionEnded("s-1", T0);

        assertThat(revoked.isRevoked(token("u-1", "s-1", T0.minusSeconds(60)))).isTrue();
        assertThat(revoked.isRevoked(token("u-1", "s-2", T0.minusSeconds(60)))).isFalse();
        assertThat(revoked.isRevoked(token("u-1", null, T0.minusSeconds(60)))).isFalse();
        assertThat(revoked.validate(token("u-1", "s-1", T0)).getErrors())
                .singleElement().satisfies(e -> assertThat(e.getDescription()).contains("revoked").contains("log in again"));
    }

    @Test
    void aDisabledUserIsRefusedTheTokensIssuedUpToTheDisablingButNotLaterOnes() {
        revoked.userDisabled("u-1", T0);

        assertThat(revoked.isRevoked(token("u-1", "s-1", T0.minusSeconds(300)))).isTrue();
        // the token's issue time has whole seconds: one of the disabling's second is refused too
        assertThat(revoked.isRevoked(token("u-1", "s-1", T0.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)))).isTrue();
        assertThat(revoked.isRevoked(token("u-1", "s-3", T0.plusSeconds(1)))).as("re-enabled, logged in again").isFalse();
        assertThat(revoked.isRevoked(token("u-2", "s-2", T0.minusSeconds(300)))).isFalse();
    }

    @Test
    void withMillisecondsATokenIssuedJustAfterTheDisablingInTheSameSecondWorks() {
        revoked.userDisabled("u-1", T0);

        Jwt before = Jwt.withTokenValue("t").header("alg", "RS256").subject("u-1").issuedAt(T0.minusMillis(100))
                .claim(TokenClaims.ISSUED_AT_MILLIS, T0.minusMillis(100).toEpochMilli()).build();
        Jwt after = Jwt.withTokenValue("t").header("alg", "RS256").subject("u-1").issuedAt(T0.plusMillis(100))
                .claim(TokenClaims.ISSUED_AT_MILLIS, T0.plusMillis(100).toEpochMilli()).build();
        assertThat(revoked.isRevoked(before)).isTrue();
        assertThat(revoked.isRevoked(after)).as("re-enabled within the second, logged in again").isFalse();
    }

    @Test
    void aRevocationIsForgottenOnceEveryTokenItConcernsHasExpired() {
        revoked.sessionEnded("s-1", T0);
        revoked.userDisabled("u-1", T0);

        now.set(T0.plus(Duration.ofMinutes(59)));
        revoked.sessionEnded("s-2", now.get());
        assertThat(revoked.size()).isEqualTo(3);

        now.set(T0.plus(Duration.ofMinutes(61)));
        revoked.sessionEnded("s-3", now.get());
        assertThat(revoked.size()).as("s-1 and u-1 forgotten").isEqualTo(2);
        assertThat(revoked.isRevoked(token("u-1", "s-2", T0.minusSeconds(5)))).isTrue();
    }

    @Test
    void aTokenTheServiceAlreadyKnowsIsRefusedAsSoonAsItsSessionEnds() {
        JwtDecoder real = TestTokens.ISSUER.decoder();
        VerifiedTokens tokens = new VerifiedTokens(real, ResourceServerConfiguration.tokenValidator("conpaas", revoked));
        String token = TestTokens.ISSUER.user("u-9", "ann");
        Jwt known = tokens.decode(token);

        revoked.userDisabled("u-9", Instant.now());

        assertThat(known.getSubject()).isEqualTo("u-9");
        assertThatThrownBy(() -> tokens.decode(token)).isInstanceOf(JwtValidationException.class).hasMessageContaining("revoked");
    }
}
