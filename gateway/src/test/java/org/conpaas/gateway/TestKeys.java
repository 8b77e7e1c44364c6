package org.conpaas.gateway;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

import java.util.UUID;

/** Signing keys for the tests' tokens, as identity-service's look: RSA 2048 with a key id. */
public final class TestKeys {

    private TestKeys() {
    }

    public static RSAKey rsa() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
