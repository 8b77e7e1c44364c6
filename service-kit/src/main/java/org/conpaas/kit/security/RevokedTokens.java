package org.conpaas.kit.security;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The access tokens refused before they expire, as identity-service announced them: every token
 * of an ended session ({@code sid}), and every token of a disabled user issued up to the moment
 * of the disabling (so the tokens a re-enabled user gets afterwards work). A revocation is
 * remembered for {@code keep}, which must be at least the access tokens' lifetime: by then every
 * token it concerns has expired anyway. Issue times are compared in milliseconds ({@code iat_ms});
 * a token without that claim has whole seconds ({@code iat}), and one of the disabling's second is refused too.
 */
public final class RevokedTokens implements OAuth2TokenValidator<Jwt> {

    static final String REVOKED = "the token was revoked (the session ended or the account was disabled); log in again";

    private final Duration keep;
    private final Clock clock;
    private final Map<String, Instant> endedSessions = new ConcurrentHashMap<>();
    private final Map<String, Instant> disabledUsers = new ConcurrentHashMap<>();

    public RevokedTokens(Duration keep, Clock clock) {
        this.keep = keep;
        this.clock = clock;
    }

    /** Every token of the session is refused from now on. */
    public void sessionEnded(String sessionId, Instant at) {
        forgetExpired();
        endedSessions.merge(sessionId, at, RevokedTokens::later);
    }

    /** Every token of the user issued up to {@code at} is refused from now on. */
    public void userDisabled(String userId, Instant at) {
        forgetExpired();
        disabledUsers.merge(userId, at, RevokedTokens::later);
    }

    public boolean isRevoked(Jwt jwt) {
        String session = jwt.getClaimAsString(TokenClaims.SESSION);
        if (session != null && endedSessions.containsKey(session)) {
            return true;
        }
        Instant disabled = jwt.getSubject() == null ? null : disabledUsers.get(jwt.getSubject());
        return disabled != null && issuedUpTo(jwt, disabled);
    }

    /** By {@code iat_ms} when the token has it; else by {@code iat}, whole seconds, so a token of the same second counts as earlier. */
    private static boolean issuedUpTo(Jwt jwt, Instant at) {
        Object millis = jwt.getClaims().get(TokenClaims.ISSUED_AT_MILLIS);
        if (millis instanceof Number issued) {
            return issued.longValue() <= at.toEpochMilli();
        }
        return jwt.getIssuedAt() == null || jwt.getIssuedAt().getEpochSecond() <= at.getEpochSecond();
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
        return isRevoked(jwt)
                ? OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", REVOKED, null))
                : OAuth2TokenValidatorResult.success();
    }

    int size() {
        return endedSessions.size() + disabledUsers.size();
    }

    private void forgetExpired() {
        Instant horizon = clock.instant().minus(keep);
        endedSessions.values().removeIf(at -> at.isBefore(horizon));
        disabledUsers.values().removeIf(at -> at.isBefore(horizon));
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
