package org.conpaas.identity.token;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import org.conpaas.identity.user.IdentityProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The RSA keys ConPaaS tokens are signed with, kept in this service's database (so restarts and
 * several instances sign alike), their private halves encrypted ({@link SigningKeyCipher}). The
 * newest key not retired signs; {@link #rotate} makes a new one and retires the others, which stay
 * in the JWKS (so the tokens they signed still verify everywhere; their private halves are erased) until those tokens have expired:
 * access-token lifetime plus {@code grace}. Then they are deleted.
 */
@Component
public class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    private final JdbcTemplate jdbc;
    private final SigningKeyCipher cipher;
    private final Duration retention;
    /** Decrypted keys by id: decryption is deliberately slow (PBKDF2). */
    private final Map<String, RSAKey> decrypted = new ConcurrentHashMap<>();

    SigningKeys(JdbcTemplate jdbc, SigningKeyProperties properties, IdentityProperties identity) {
        this.jdbc = jdbc;
        this.cipher = new SigningKeyCipher(properties.passphrase());
        this.retention = identity.token().accessTtl().plus(properties.grace());
        encryptPlainKeys();
        createIfNone();
        dropExpired();
        signingKey(); // a wrong passphrase stops the service at start, not at the first login
    }

    /** The key that signs now. */
    public RSAKey signingKey() {
        return jdbc.query("SELECT id, public_key, encrypted_private_key FROM signing_key WHERE retired_at IS NULL "
                + "ORDER BY created_at DESC, id LIMIT 1", rs -> {
            if (!rs.next()) {
                throw new IllegalStateException("no signing key: identity-service's signing_key table was emptied");
            }
            String id = rs.getString("id");
            byte[] publicKey = rs.getBytes("public_key");
            byte[] encrypted = rs.getBytes("encrypted_private_key");
            return decrypted.computeIfAbsent(id, kid -> rsaKey(kid, publicKey, cipher.decrypt(encrypted, kid)));
        });
    }

    /**
     * The public keys of the signing key and of the retired keys whose tokens may still be valid,
     * the signing key first (what {@code /.well-known/jwks.json} publishes); retired keys past that
     * are deleted.
     */
    public JWKSet publicJwks() {
        dropExpired();
        return verificationKeys();
    }

    /** The same keys, read only (every token check in this service asks). */
    JWKSet verificationKeys() {
        List<JWK> keys = jdbc.query("SELECT id, public_key FROM signing_key "
                        + "WHERE retired_at IS NULL OR retired_at >= now() - make_interval(secs => ?) "
                        + "ORDER BY retired_at DESC NULLS FIRST, created_at DESC",
                (rs, n) -> publicKey(rs.getString("id"), rs.getBytes("public_key")), retentionSeconds());
        return new JWKSet(keys);
    }

    /**
     * Makes a new key the one that signs; the one before is retired (it still verifies, for a while).
     * Runs in the caller's transaction (the table lock serialises rotations). The new key's id.
     */
    String rotate() {
        jdbc.execute("LOCK TABLE signing_key IN SHARE ROW EXCLUSIVE MODE");
        String id = insertNewKey("");
        // a retired key never signs again: its private half is erased, the public one verifies for a while
        int retired = jdbc.update("UPDATE signing_key SET retired_at = now(), private_key = NULL, encrypted_private_key = NULL "
                + "WHERE retired_at IS NULL AND id <> ?", id);
        dropExpired();
        log.info("token-signing key rotated: {} signs now, {} retired (in the JWKS for {} more)", id, retired, retention);
        return id;
    }

    /** Keys of an install from before encryption at rest: encrypted now, their plain column emptied. */
    void encryptPlainKeys() {
        List<Map<String, Object>> plain = jdbc.queryForList(
                "SELECT id, private_key FROM signing_key WHERE private_key IS NOT NULL AND encrypted_private_key IS NULL");
        for (Map<String, Object> row : plain) {
            String id = (String) row.get("id");
            byte[] encrypted = cipher.encrypt((byte[]) row.get("private_key"), id);
            // another instance starting now may have done it first: then nothing matches
            if (jdbc.update("UPDATE signing_key SET encrypted_private_key = ?, private_key = NULL "
                    + "WHERE id = ? AND encrypted_private_key IS NULL", encrypted, id) == 1) {
                log.info("token-signing key {} was stored unencrypted: encrypted now", id);
            }
        }
    }

    private void createIfNone() {
        // another instance may be doing the same right now: the first insert wins
        insertNewKey("WHERE NOT EXISTS (SELECT 1 FROM signing_key WHERE retired_at IS NULL)");
    }

    private String insertNewKey(String condition) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            String id = UUID.randomUUID().toString();
            jdbc.update("INSERT INTO signing_key (id, encrypted_private_key, public_key, created_at) SELECT ?, ?, ?, clock_timestamp() "
                    + condition, id, cipher.encrypt(pair.getPrivate().getEncoded(), id), pair.getPublic().getEncoded());
            return id;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a signing key", e);
        }
    }

    private void dropExpired() {
        List<String> gone = jdbc.queryForList("DELETE FROM signing_key WHERE retired_at < now() - make_interval(secs => ?) RETURNING id",
                String.class, retentionSeconds());
        gone.forEach(decrypted::remove);
        if (!gone.isEmpty()) {
            log.info("retired token-signing keys {} deleted: every token they signed has expired", gone);
        }
    }

    private double retentionSeconds() {
        return retention.toMillis() / 1000.0;
    }

    private static RSAKey publicKey(String id, byte[] publicKey) {
        return rsaKey(id, publicKey, null);
    }

    private static RSAKey rsaKey(String id, byte[] publicKey, byte[] privateKey) {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAKey.Builder key = new RSAKey.Builder((RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(publicKey)))
                    .keyID(id).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256);
            if (privateKey != null) {
                key.privateKey((RSAPrivateKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(privateKey)));
            }
            return key.build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the stored signing key " + id + " cannot be read", e);
        }
    }
}
