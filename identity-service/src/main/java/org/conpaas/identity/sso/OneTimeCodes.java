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

    /** Whom a code was issued to, and the ID token the provider signed them in with. */
    record Redeemed(String userId, String providerIdToken) {
    }

    private final JdbcTemplate jdbc;
    private final SsoProperties properties;
    private final SecureRandom random = new SecureRandom();

    OneTimeCodes(JdbcTemplate jdbc, SsoProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    String issue(String userId, String providerIdToken) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String code = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        jdbc.update("DELETE FROM sso_code WHERE expires_at < now() - interval '1 day'");
        jdbc.update("INSERT INTO sso_code (code_hash, user_id, provider_id_token, expires_at) VALUES (?, ?, ?, ?)", hash(code),
                userId, providerIdToken, java.sql.Timestamp.from(Instant.now().plus(properties.codeTtl())));
        return code;
    }

    /** Whom the code was issued to; the code is used up. */
    Redeemed redeem(String code) {
        if (code == null || code.isBlank() || code.length() > 200) {
            throw ApiException.invalid("send {\"code\": \"…\"} with the sso_code the sign-in sent you back with");
        }
        Redeemed redeemed = jdbc.query("UPDATE sso_code c SET used = true, provider_id_token = NULL "
                        + "FROM (SELECT code_hash, provider_id_token FROM sso_code WHERE code_hash = ? FOR UPDATE) kept "
                        + "WHERE c.code_hash = kept.code_hash AND NOT c.used AND c.expires_at > now() "
                        + "RETURNING c.user_id, kept.provider_id_token",
                rs -> rs.next() ? new Redeemed(rs.getString(1), rs.getString(2)) : null, hash(code));
        if (redeemed == null) {
            throw SsoProblem.refused("the sign-in code is unknown, expired (it lives " + properties.codeTtl().toSeconds()
                    + " s) or already used: sign in again");
        }
        return redeemed;
    }

    private static String hash(String code) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
