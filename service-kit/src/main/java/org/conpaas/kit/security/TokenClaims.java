package org.conpaas.kit.security;

/** The claims of a ConPaaS access token besides the registered ones (sub = user id). */
public final class TokenClaims {
    public static final String USERNAME = "preferred_username";
    public static final String ROLE = "role";
    public static final String AUDIENCE = "conpaas";

    private TokenClaims() {
    }
}
