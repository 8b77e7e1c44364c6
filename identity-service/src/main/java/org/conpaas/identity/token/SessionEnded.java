package org.conpaas.identity.token;

/** A login session (refresh-token family) ended: its tokens are revoked (published as user.session-ended). */
public record SessionEnded(String userId, String sessionId, String reason) {
    public static final String LOGGED_OUT = "logged-out";
    public static final String REFRESH_TOKEN_REUSED = "refresh-token-reused";
}
