package org.conpaas.identity.token;

import org.conpaas.kit.web.ApiException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/**
 * One-time refresh tokens: random, stored only as a SHA-256 hash, used up when exchanged. A token
 * of a single sign-on carries the provider's ID token to the next one, for logout's id_token_hint.
 */
@Component
public class RefreshTokens {

    /** Whom a token was issued to, and the provider's ID token when the session began with single sign-on (else null). */
    public record Holder(String userId, String providerIdToken) {
    }

    private final JdbcTemplate jdbc;
    private final SecureRandom random = new SecureRandom();

    RefreshTokens(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    String create(String userId, String providerIdToken, Duration ttl) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        jdbc.update("DELETE FROM refresh_token WHERE user_id = ? AND (used OR expires_at < now())", userId);
        jdbc.update("INSERT INTO refresh_token (token_hash, user_id, provider_id_token, expires_at) VALUES (?, ?, ?, ?)",
                hash(token), userId, providerIdToken, java.sql.Timestamp.from(Instant.now().plus(ttl)));
        return token;
    }

    /** Whom the token was issued to; the token is used up. */
    Holder consume(String token) {
        if (token == null || token.isBlank() || token.length() > 200) {
            throw ApiException.invalid("send {\"refreshToken\": \"…\"} from your last login or refresh");
        }
        Holder holder = useUp(token, "AND r.expires_at > now()");
        if (holder == null) {
            throw ApiException.unauthorized("the refresh token is unknown, expired or already used: log in again");
        }
        return holder;
    }

    /** Revokes the token (logout); whom it was issued to, or null when it was unknown or used already. */
    public Holder revoke(String token) {
        if (token == null || token.length() > 200) {
            return null;
        }
        return useUp(token, "");
    }

    /** Marks the token used and forgets the provider's ID token it kept, returning both as they were. */
    private Holder useUp(String token, String condition) {
        return jdbc.query("UPDATE refresh_token r SET used = true, provider_id_token = NULL "
                        + "FROM (SELECT token_hash, provider_id_token FROM refresh_token WHERE token_hash = ? FOR UPDATE) kept "
                        + "WHERE r.token_hash = kept.token_hash AND NOT r.used " + condition
                        + " RETURNING r.user_id, kept.provider_id_token",
                rs -> rs.next() ? new Holder(rs.getString(1), rs.getString(2)) : null, hash(token));
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
