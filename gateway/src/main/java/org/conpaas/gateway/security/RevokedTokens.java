package org.conpaas.gateway.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageListener;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The access tokens identity-service revoked, as the gateway hears them on its own queue
 * ({@code user.session-ended}: every token of the session, {@code user.disabled}: every token of
 * the user issued up to then, by {@code iat_ms}, else by {@code iat} in whole seconds). Part of the token validator, so a token the
 * gateway remembers as verified is refused at once. A revocation is kept for {@code keep} (at
 * least the access tokens' lifetime). The services keep the same list (the kit's RevokedTokens).
 */
final class RevokedTokens implements OAuth2TokenValidator<Jwt>, MessageListener {

    static final String REVOKED = "the token was revoked";
    private static final Logger log = LoggerFactory.getLogger(RevokedTokens.class);

    private final ObjectMapper json;
    private final Duration keep;
    private final Clock clock;
    private final Map<String, Instant> endedSessions = new ConcurrentHashMap<>();
    private final Map<String, Instant> disabledUsers = new ConcurrentHashMap<>();

    RevokedTokens(ObjectMapper json, Duration keep, Clock clock) {
        this.json = json;
        this.keep = keep;
        this.clock = clock;
    }

    @Override
    public void onMessage(Message message) {
        String type = message.getMessageProperties().getReceivedRoutingKey();
        try {
            JsonNode event = json.readTree(message.getBody());
            Instant at = Instant.parse(event.path("header").path("occurredAt").asText());
            if ("user.session-ended".equals(type)) {
                remember(endedSessions, event.path("sessionId").asText(), at);
            } else if ("user.disabled".equals(type)) {
                remember(disabledUsers, event.path("userId").asText(), at);
            }
        } catch (IOException | RuntimeException unreadable) {
            log.warn("a {} event cannot be read; its revocation is not applied: {}", type, unreadable.getMessage());
        }
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
        return isRevoked(jwt)
                ? OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", REVOKED, null))
                : OAuth2TokenValidatorResult.success();
    }

    boolean isRevoked(Jwt jwt) {
        String session = jwt.getClaimAsString("sid");
        if (session != null && endedSessions.containsKey(session)) {
            return true;
        }
        Instant disabled = jwt.getSubject() == null ? null : disabledUsers.get(jwt.getSubject());
        return disabled != null && issuedUpTo(jwt, disabled);
    }

    /** By {@code iat_ms} when the token has it; else by {@code iat}, whole seconds, so a token of the same second counts as earlier. */
    private static boolean issuedUpTo(Jwt jwt, Instant at) {
        Object millis = jwt.getClaims().get("iat_ms");
        if (millis instanceof Number issued) {
            return issued.longValue() <= at.toEpochMilli();
        }
        return jwt.getIssuedAt() == null || jwt.getIssuedAt().getEpochSecond() <= at.getEpochSecond();
    }

    private void remember(Map<String, Instant> revocations, String key, Instant at) {
        Instant horizon = clock.instant().minus(keep);
        endedSessions.values().removeIf(t -> t.isBefore(horizon));
        disabledUsers.values().removeIf(t -> t.isBefore(horizon));
        if (!key.isEmpty()) {
            revocations.merge(key, at, (a, b) -> a.isAfter(b) ? a : b);
        }
    }
}
