package org.conpaas.identity.token;

import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Encrypts a signing key's PKCS#8 bytes at rest: AES-256-GCM under a key derived from the
 * passphrase with PBKDF2-HMAC-SHA256 (a fresh salt and nonce each time), the key id as associated
 * data so a ciphertext moved to another row does not decrypt. Stored as
 * {@code version(1) | salt(16) | nonce(12) | ciphertext+tag}.
 */
final class SigningKeyCipher {

    private static final byte VERSION = 1;
    private static final int SALT = 16;
    private static final int NONCE = 12;
    private static final int ITERATIONS = 310_000;

    private final char[] passphrase;
    private final SecureRandom random = new SecureRandom();

    SigningKeyCipher(String passphrase) {
        this.passphrase = passphrase.toCharArray();
    }

    byte[] encrypt(byte[] pkcs8, String keyId) {
        byte[] salt = randomBytes(SALT);
        byte[] nonce = randomBytes(NONCE);
        byte[] sealed = run(Cipher.ENCRYPT_MODE, salt, nonce, keyId, pkcs8);
        return ByteBuffer.allocate(1 + SALT + NONCE + sealed.length).put(VERSION).put(salt).put(nonce).put(sealed).array();
    }

    byte[] decrypt(byte[] stored, String keyId) {
        if (stored.length < 1 + SALT + NONCE + 16 || stored[0] != VERSION) {
            throw new IllegalStateException("the signing key " + keyId + " is not in the encrypted form this version reads");
        }
        byte[] salt = Arrays.copyOfRange(stored, 1, 1 + SALT);
        byte[] nonce = Arrays.copyOfRange(stored, 1 + SALT, 1 + SALT + NONCE);
        byte[] sealed = Arrays.copyOfRange(stored, 1 + SALT + NONCE, stored.length);
        try {
            return run(Cipher.DECRYPT_MODE, salt, nonce, keyId, sealed);
        } catch (IllegalStateException wrongPassphrase) {
            throw new IllegalStateException("cannot decrypt the signing key " + keyId
                    + ": conpaas.identity.signing-key.passphrase is not the one it was encrypted with", wrongPassphrase.getCause());
        }
    }

    private byte[] run(int mode, byte[] salt, byte[] nonce, String keyId, byte[] input) {
        try {
            byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(passphrase, salt, ITERATIONS, 256)).getEncoded();
            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            aes.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
            return aes.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing key encryption failed", e);
        }
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }
}
