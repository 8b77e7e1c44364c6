package org.conpaas.identity.token;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import org.conpaas.contracts.api.identity.TokenResponse;
import org.conpaas.identity.user.IdentityProperties;
import org.conpaas.identity.user.UserQueries;
import org.conpaas.kit.security.SecurityProperties;
import org.conpaas.kit.security.TokenClaims;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Signs access tokens (RS256 JWT, with the key that signs now) and pairs them with a one-time refresh token. */
@Component
public class TokenIssuer {

    private final SigningKeys keys;
    private final RefreshTokens refreshTokens;
    private final IdentityProperties identity;
    private final SecurityProperties security;

    TokenIssuer(SigningKeys keys, RefreshTokens refreshTokens, IdentityProperties identity, SecurityProperties security) {
        this.keys = keys;
        this.refreshTokens = refreshTokens;
        this.identity = identity;
        this.security = security;
    }

    public TokenResponse issue(UserQueries.Credentials user) {
        return issue(user, null);
    }

    /** Tokens for a new session that began with single sign-on: the refresh token keeps the provider's ID token. */
    public TokenResponse issue(UserQueries.Credentials user, String providerIdToken) {
        return issue(user, providerIdToken, UUID.randomUUID().toString());
    }

    /** Tokens of the session {@code sessionId} (the refresh-token family; the access token's sid claim). */
    TokenResponse issue(UserQueries.Credentials user, String providerIdToken, String sessionId) {
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(security.issuer()).audience(List.of(TokenClaims.AUDIENCE)).subject(user.id())
                .claim(TokenClaims.USERNAME, user.username()).claim(TokenClaims.ROLE, user.role())
                .claim(TokenClaims.SESSION, sessionId).claim(TokenClaims.ISSUED_AT_MILLIS, now.toEpochMilli())
                .issuedAt(now).notBefore(now).expiresAt(now.plus(identity.token().accessTtl()))
                .id(UUID.randomUUID().toString())
                .build();
        RSAKey key = keys.signingKey();
        JwtEncoder encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(key.getKeyID()).type("JWT").build();
        String access = encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
        String refresh = refreshTokens.create(user.id(), sessionId, providerIdToken, identity.token().refreshTtl());
        return new TokenResponse(access, "Bearer", identity.token().accessTtl().toSeconds(), refresh,
                identity.token().refreshTtl().toSeconds());
    }
}
