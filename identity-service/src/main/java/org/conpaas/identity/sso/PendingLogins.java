package org.conpaas.identity.sso;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

/**
 * Logins under way, keyed by their {@code state}: the nonce and PKCE verifier that only this
 * service knows, and where the browser goes afterwards. A state is used once and expires
 * ({@code conpaas.sso.login-ttl}); kept in the database so any instance may take the callback.
 */
@Component
class PendingLogins {

    record Started(String state, String nonce, String codeChallenge) {
    }

    record Pending(String nonce, String codeVerifier, String provider, String returnTo) {
    }

    private final JdbcTemplate jdbc;
    private final SsoProperties properties;
    private final SecureRandom random = new SecureRandom();

    PendingLogins(JdbcTemplate jdbc, SsoProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    Started start(String provider, String returnTo) {
        String state = randomText(32);
        String nonce = randomText(32);
        String verifier = randomText(48);
        jdbc.update("DELETE FROM sso_login WHERE expires_at < now()");
        jdbc.update("INSERT INTO sso_login (state, nonce, code_verifier, provider, return_to, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
                state, nonce, verifier, provider, returnTo, java.sql.Timestamp.from(Instant.now().plus(properties.loginTtl())));
        return new Started(state, nonce, challenge(verifier));
    }

    /** The login this state started; the state is used up, so a replayed one is refused. */
    Pending finish(String state) {
        if (state == null || state.isBlank() || state.length() > 64) {
            throw SsoProblem.refused("the callback carries no state: start the login again from the sign-in page");
        }
        Pending pending = jdbc.query("DELETE FROM sso_login WHERE state = ? AND expires_at > now() "
                        + "RETURNING nonce, code_verifier, provider, return_to",
                rs -> rs.next() ? new Pending(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)) : null, state);
        if (pending == null) {
            throw SsoProblem.refused("the login state is unknown, expired or already used (a replayed or forged callback): "
                    + "start the login again from the sign-in page");
        }
        return pending;
    }

    /** PKCE S256 (RFC 7636 4.2). */
    static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String randomText(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
