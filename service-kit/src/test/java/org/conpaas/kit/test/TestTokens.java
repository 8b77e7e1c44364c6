package org.conpaas.kit.test;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.conpaas.kit.security.ResourceServerConfiguration;
import org.conpaas.kit.security.TokenClaims;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Signs ConPaaS-shaped tokens for a service's own integration tests (identity-service issues the
 * real ones; its tests and the end-to-end test use those). Register {@link #decoder()} as the
 * service's JwtDecoder in a test configuration.
 */
public final class TestTokens {

    public static final TestTokens ISSUER = new TestTokens("conpaas");

    private final KeyPair keys;
    private final String issuer;

    public TestTokens(String issuer) {
        this.issuer = issuer;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            this.keys = generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    public JwtDecoder decoder() {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey((RSAPublicKey) keys.getPublic()).build();
        decoder.setJwtValidator(ResourceServerConfiguration.tokenValidator(issuer));
        return decoder;
    }

    public String user(String userId, String username) {
        return token(userId, username, "user", Instant.now().plusSeconds(600));
    }

    public String admin(String userId, String username) {
        return token(userId, username, "admin", Instant.now().plusSeconds(600));
    }

    public String token(String userId, String username, String role, Instant expiresAt) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(userId).issuer(issuer).audience(TokenClaims.AUDIENCE)
                .claim(TokenClaims.USERNAME, username).claim(TokenClaims.ROLE, role)
                .issueTime(Date.from(earliest(Instant.now(), expiresAt).minusSeconds(600))).expirationTime(Date.from(expiresAt))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        try {
            jwt.sign(new RSASSASigner(keys.getPrivate()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
