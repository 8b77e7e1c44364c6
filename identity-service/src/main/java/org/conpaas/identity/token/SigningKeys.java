package org.conpaas.identity.token;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.UUID;

/**
 * The RSA key ConPaaS tokens are signed with. Made on the first start and kept in this service's
 * database, so restarts and several instances sign with the same key; its public half is the
 * JWKS every other service checks tokens against.
 */
@Component
public class SigningKeys {

    private final RSAKey key;

    SigningKeys(JdbcTemplate jdbc) {
        this.key = loadOrCreate(jdbc);
    }

    public RSAKey signingKey() {
        return key;
    }

    public RSAPublicKey publicKey() {
        try {
            return key.toRSAPublicKey();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public keys only. */
    public JWKSet publicJwks() {
        return new JWKSet(key.toPublicJWK());
    }

    private static RSAKey loadOrCreate(JdbcTemplate jdbc) {
        RSAKey existing = load(jdbc);
        if (existing != null) {
            return existing;
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            // another instance may be doing the same right now: the first insert wins, both then read it
            jdbc.update("INSERT INTO signing_key (id, private_key, public_key) SELECT ?, ?, ? "
                            + "WHERE NOT EXISTS (SELECT 1 FROM signing_key)",
                    UUID.randomUUID().toString(), pair.getPrivate().getEncoded(), pair.getPublic().getEncoded());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a signing key", e);
        }
        return load(jdbc);
    }

    private static RSAKey load(JdbcTemplate jdbc) {
        return jdbc.query("SELECT id, private_key, public_key FROM signing_key ORDER BY created_at LIMIT 1", rs -> {
            if (!rs.next()) {
                return null;
            }
            try {
                KeyFactory rsa = KeyFactory.getInstance("RSA");
                return new RSAKey.Builder((RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(rs.getBytes("public_key"))))
                        .privateKey((RSAPrivateKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(rs.getBytes("private_key"))))
                        .keyID(rs.getString("id")).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                        .build();
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException("the stored signing key cannot be read", e);
            }
        });
    }
}
