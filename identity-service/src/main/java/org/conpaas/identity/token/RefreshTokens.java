package org.conpaas.identity.token;

import org.axonframework.eventhandling.gateway.EventGateway;
import org.conpaas.kit.web.ApiException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/**
 * One-time refresh tokens: random, stored only as a SHA-256 hash, used up when exchanged. Each
 * belongs to a family, the login session it began with (the access tokens' sid claim): a token
 * presented again after it was used ends its whole family, since one of the two callers stole
 * it, and logging out ends it too. Used tokens are kept until they expire so that a reuse is
 * recognised. A token of a single sign-on carries the provider's ID token to the next one, for
 * logout's id_token_hint.
 */
@Component
public class RefreshTokens {

    /** Whom a token was issued to, its session, and the provider's ID token when the session began with single sign-on (else null). */
    public record Holder(String userId, String sessionId, String providerIdToken) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final EventGateway events;
    private final SecureRandom random = new SecureRandom();

    RefreshTokens(JdbcTemplate jdbc, PlatformTransactionManager transactions, EventGateway events) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.events = events;
    }

    String create(String userId, String sessionId, String providerIdToken, Duration ttl) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        jdbc.update("DELETE FROM refresh_token WHERE user_id = ? AND expires_at < now()", userId);
        jdbc.update("INSERT INTO refresh_token (token_hash, user_id, family_id, provider_id_token, expires_at) VALUES (?, ?, ?, ?, ?)",
                hash(token), userId, sessionId, providerIdToken, java.sql.Timestamp.from(Instant.now().plus(ttl)));
        return token;
    }

    /** Whom the token was issued to; the token is used up. A token used already ends its session (committed, then refused). */
    Holder consume(String token) {
        if (token == null || token.isBlank() || token.length() > 200) {
            throw ApiException.invalid("send {\"refreshToken\": \"…\"} from your last login or refresh");
        }
        Holder holder = transaction.execute(status -> {
            Holder valid = useUp(token, "AND r.expires_at > now()");
            if (valid == null) {
                endSessionOfUsed(token, SessionEnded.REFRESH_TOKEN_REUSED);
            }
            return valid;
        });
        if (holder == null) {
            throw ApiException.unauthorized("the refresh token is unknown, expired or already used: log in again");
        }
        return holder;
    }

    /** Logout: ends the token's session; whom it was issued to, or null when it was unknown or used already. */
    public Holder revoke(String token) {
        if (token == null || token.length() > 200) {
            return null;
        }
        return transaction.execute(status -> {
            Holder holder = useUp(token, "");
            if (holder == null) {
                endSessionOfUsed(token, SessionEnded.LOGGED_OUT);
            } else {
                endSession(holder.userId(), holder.sessionId(), SessionEnded.LOGGED_OUT);
            }
            return holder;
        });
    }

    /** Marks the token used and forgets the provider's ID token it kept, returning both as they were. */
    private Holder useUp(String token, String condition) {
        return jdbc.query("UPDATE refresh_token r SET used = true, provider_id_token = NULL "
                        + "FROM (SELECT token_hash, provider_id_token FROM refresh_token WHERE token_hash = ? FOR UPDATE) kept "
                        + "WHERE r.token_hash = kept.token_hash AND NOT r.used " + condition
                        + " RETURNING r.user_id, r.family_id, kept.provider_id_token",
                rs -> rs.next() ? new Holder(rs.getString(1), rs.getString(2), rs.getString(3)) : null, hash(token));
    }

    /** A token that was used already: its family ends (an unknown or merely expired token changes nothing). */
    private void endSessionOfUsed(String token, String reason) {
        jdbc.query("SELECT user_id, family_id FROM refresh_token WHERE token_hash = ? AND used", rs -> {
            endSession(rs.getString(1), rs.getString(2), reason);
        }, hash(token));
    }

    private void endSession(String userId, String sessionId, String reason) {
        jdbc.update("UPDATE refresh_token SET used = true, provider_id_token = NULL WHERE family_id = ? AND NOT used", sessionId);
        events.publish(new SessionEnded(userId, sessionId, reason));
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
