package org.conpaas.cert.authority;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;

/**
 * The key the CA signs with, and the key the service generates for a certificate whose key it
 * makes itself (user certificates without a CSR, director certificates). Signatures are SHA-256.
 */
public enum CaKeyType {
    EC_P256("EC", "SHA256withECDSA"),
    RSA_2048("RSA", "SHA256withRSA"),
    RSA_3072("RSA", "SHA256withRSA");

    private final String algorithm;
    private final String signatureAlgorithm;

    CaKeyType(String algorithm, String signatureAlgorithm) {
        this.algorithm = algorithm;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    public KeyPair generate(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            switch (this) {
                case EC_P256 -> generator.initialize(new ECGenParameterSpec("secp256r1"), random);
                case RSA_2048 -> generator.initialize(2048, random);
                case RSA_3072 -> generator.initialize(3072, random);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + this + " key", e);
        }
    }

    /** The key type a private key of this algorithm and size belongs to. */
    static CaKeyType of(java.security.PrivateKey key, java.security.PublicKey publicKey) {
        if (publicKey instanceof java.security.interfaces.RSAPublicKey rsa) {
            return rsa.getModulus().bitLength() > 2048 ? RSA_3072 : RSA_2048;
        }
        if (publicKey instanceof java.security.interfaces.ECPublicKey) {
            return EC_P256;
        }
        throw new IllegalStateException("the CA key is a " + key.getAlgorithm() + " key, which this CA cannot use");
    }
}
