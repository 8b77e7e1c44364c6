package org.conpaas.contracts.api.identity;

/** Body of POST /api/auth/refresh: a refresh token from an earlier login; it is used up. */
public record RefreshRequest(String refreshToken) {
}
