package org.conpaas.identity.sso;

import org.conpaas.kit.web.ApiException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The code the browser (or cps) carries from the callback to {@code POST /api/auth/sso/exchange}:
 * tokens never travel in a URL. Random, stored as a SHA-256 hash, works once, lives
 * {@code conpaas.sso.code-ttl} (60 s).
 */
@Component
class OneTimeCodes {

    private final JdbcTemplate jdbc;
    private final SsoProperties properties;
    private final SecureRandom random = new SecureRandom();

    OneTimeCodes(JdbcTemplate jdbc, SsoProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    String issue(String userId) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String code = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        jdbc.update("DELETE FROM sso_code WHERE expires_at < now() - interval '1 day'");
        jdbc.update("INSERT INTO sso_code (code_hash, user_id, expires_at) VALUES (?, ?, ?)", hash(code), userId,
                java.sql.Timestamp.from(Instant.now().plus(properties.codeTtl())));
        return code;
    }

    /** The user the code was issued to; the code is used up. */
    String redeem(String code) {
        if (code == null || code.isBlank() || code.length() > 200) {
            throw ApiException.invalid("send {\"code\": \"…\"} with the sso_code the sign-in sent you back with");
        }
        String userId = jdbc.query("UPDATE sso_code SET used = true WHERE code_hash = ? AND NOT used AND expires_at > now() "
                + "RETURNING user_id", rs -> rs.next() ? rs.getString(1) : null, hash(code));
        if (userId == null) {
            throw SsoProblem.refused("the sign-in code is unknown, expired (it lives " + properties.codeTtl().toSeconds()
                    + " s) or already used: sign in again");
        }
        return userId;
    }

    private static String hash(String code) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
