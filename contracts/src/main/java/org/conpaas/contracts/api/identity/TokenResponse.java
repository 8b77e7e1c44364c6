package org.conpaas.contracts.api.identity;

/** A signed access token (JWT, RS256) and a one-time refresh token. */
public record TokenResponse(String accessToken, String tokenType, long expiresIn, String refreshToken, long refreshExpiresIn) {
}
