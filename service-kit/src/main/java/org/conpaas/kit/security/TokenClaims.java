package org.conpaas.kit.security;

/** The claims of a ConPaaS access token besides the registered ones (sub = user id). */
public final class TokenClaims {
    public static final String USERNAME = "preferred_username";
    public static final String ROLE = "role";
    /** The login session (refresh-token family) the token belongs to: logging out revokes it. */
    public static final String SESSION = "sid";
    /** When the token was issued, in milliseconds ({@code iat} has whole seconds): a disabling revokes the tokens issued up to it. */
    public static final String ISSUED_AT_MILLIS = "iat_ms";
    public static final String AUDIENCE = "conpaas";

    private TokenClaims() {
    }
}
