package org.conpaas.gateway.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.conpaas.gateway.TestKeys;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The gateway refuses a revoked token, even one it remembers as verified, as soon as it hears the revocation. */
class RevokedTokensTest {

    private static final RSAKey KEY = TestKeys.rsa();

    private final Clock clock = Clock.systemUTC();
    private final RevokedTokens revoked = new RevokedTokens(new ObjectMapper(), Duration.ofHours(1), clock);
    private final VerifiedTokenCache tokens = cache();

    @Test
    void aRememberedTokenOfAnEndedSessionIsRefused() {
        String token = token("u-1", "s-1", Instant.now());
        String other = token("u-1", "s-2", Instant.now());
        assertThat(tokens.decode(token).block().getSubject()).isEqualTo("u-1");

        revoked.onMessage(event("user.session-ended", "{\"header\":{\"type\":\"user.session-ended\",\"occurredAt\":\""
                + Instant.now() + "\"},\"userId\":\"u-1\",\"sessionId\":\"s-1\",\"reason\":\"logged-out\"}"));

        assertThatThrownBy(() -> tokens.decode(token).block()).isInstanceOf(JwtValidationException.class)
                .hasMessageContaining(RevokedTokens.REVOKED);
        assertThat(tokens.decode(other).block().getSubject()).as("another session").isEqualTo("u-1");
    }

    @Test
    void aDisabledUsersEarlierTokensAreRefusedAndLaterOnesAccepted() {
        Instant disabledAt = Instant.now();
        String before = token("u-2", "s-1", disabledAt.minusSeconds(60));
        String after = token("u-2", "s-3", disabledAt.plusSeconds(2));
        tokens.decode(before).block();

        revoked.onMessage(event("user.disabled", "{\"header\":{\"type\":\"user.disabled\",\"occurredAt\":\""
                + disabledAt + "\"},\"userId\":\"u-2\",\"reason\":\"disabled by admin\"}"));

        assertThatThrownBy(() -> tokens.decode(before).block()).isInstanceOf(JwtValidationException.class)
                .hasMessageContaining(RevokedTokens.REVOKED);
        assertThat(tokens.decode(after).block().getSubject()).as("after re-enabling").isEqualTo("u-2");
    }

    @Test
    void anUnreadableEventRevokesNothing() {
        String token = token("u-3", "s-1", Instant.now());
        revoked.onMessage(event("user.session-ended", "not json"));
        assertThat(tokens.decode(token).block().getSubject()).isEqualTo("u-3");
    }

    private static Message event(String type, String body) {
        MessageProperties properties = new MessageProperties();
        properties.setReceivedRoutingKey(type);
        return new Message(body.getBytes(StandardCharsets.UTF_8), properties);
    }

    private VerifiedTokenCache cache() {
        OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(TokenSecurity.validator("conpaas", clock), revoked);
        try {
            NimbusReactiveJwtDecoder nimbus = NimbusReactiveJwtDecoder.withPublicKey(KEY.toRSAPublicKey()).build();
            nimbus.setJwtValidator(validator);
            return new VerifiedTokenCache(nimbus, validator, clock);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String token(String user, String session, Instant issuedAt) {
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(user).issuer("conpaas").audience("conpaas")
                    .claim("sid", session).issueTime(Date.from(issuedAt)).notBeforeTime(Date.from(issuedAt.minusSeconds(5)))
                    .expirationTime(Date.from(issuedAt.plusSeconds(900))).build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(KEY));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
