package org.conpaas.contracts.api.identity;

/** Body of POST /api/auth/login. */
public record LoginRequest(String username, String password) {
}
