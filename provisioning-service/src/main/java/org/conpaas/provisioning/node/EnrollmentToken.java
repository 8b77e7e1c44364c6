package org.conpaas.provisioning.node;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/** A node's one-time enrollment token: 256 random bits; only its SHA-256 leaves provisioning except in the node's bootstrap. */
record EnrollmentToken(String value, String sha256, Instant expiresAt) {

    private static final SecureRandom RANDOM = new SecureRandom();

    static EnrollmentToken create(Instant expiresAt) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        try {
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
            return new EnrollmentToken(value, hash, expiresAt);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
