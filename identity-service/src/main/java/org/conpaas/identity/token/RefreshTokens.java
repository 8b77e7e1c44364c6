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

/** One-time refresh tokens: random, stored only as a SHA-256 hash, used up when exchanged. */
@Component
public class RefreshTokens {

    private final JdbcTemplate jdbc;
    private final SecureRandom random = new SecureRandom();

    RefreshTokens(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    String create(String userId, Duration ttl) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        jdbc.update("DELETE FROM refresh_token WHERE user_id = ? AND (used OR expires_at < now())", userId);
        jdbc.update("INSERT INTO refresh_token (token_hash, user_id, expires_at) VALUES (?, ?, ?)",
                hash(token), userId, java.sql.Timestamp.from(Instant.now().plus(ttl)));
        return token;
    }

    /** The user the token was issued to; the token is used up. */
    String consume(String token) {
        if (token == null || token.isBlank() || token.length() > 200) {
            throw ApiException.invalid("send {\"refreshToken\": \"…\"} from your last login or refresh");
        }
        String userId = jdbc.query("UPDATE refresh_token SET used = true WHERE token_hash = ? AND NOT used "
                        + "AND expires_at > now() RETURNING user_id",
                rs -> rs.next() ? rs.getString(1) : null, hash(token));
        if (userId == null) {
            throw ApiException.unauthorized("the refresh token is unknown, expired or already used: log in again");
        }
        return userId;
    }

    /** Revokes the token (logout); the user it was issued to, or null when it was unknown or used already. */
    public String revoke(String token) {
        if (token == null || token.length() > 200) {
            return null;
        }
        return jdbc.query("UPDATE refresh_token SET used = true WHERE token_hash = ? AND NOT used RETURNING user_id",
                rs -> rs.next() ? rs.getString(1) : null, hash(token));
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
