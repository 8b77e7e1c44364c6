package org.conpaas.kit.security;

/** The claims of a ConPaaS access token besides the registered ones (sub = user id). */
public final class TokenClaims {
    public static final String USERNAME = "preferred_username";
    public static final String ROLE = "role";
    /** The login session (refresh-token family) the token belongs to: logging out revokes it. */
    public static final String SESSION = "sid";
    public static final String AUDIENCE = "conpaas";

    private TokenClaims() {
    }
}
