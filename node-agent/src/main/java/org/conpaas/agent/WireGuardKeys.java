package org.conpaas.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.XECPrivateKey;
import java.util.Arrays;
import java.util.Base64;

/**
 * The node's own WireGuard key pair (Curve25519, as {@code wg genkey | wg pubkey} make it):
 * generated on the node at first start, the private key kept in {@code private.key} (0600) and
 * never sent anywhere; only the public key goes to the director.
 */
record WireGuardKeys(String privateKey, String publicKey) {

    static final String PRIVATE_FILE = "private.key";
    static final String PUBLIC_FILE = "public.key";

    /** The pair kept in {@code directory}, made there first if there is none. */
    static WireGuardKeys inDirectory(Path directory) throws IOException {
        Path privateFile = directory.resolve(PRIVATE_FILE);
        Path publicFile = directory.resolve(PUBLIC_FILE);
        if (Files.isRegularFile(privateFile) && Files.isRegularFile(publicFile)) {
            return new WireGuardKeys(Files.readString(privateFile).strip(), Files.readString(publicFile).strip());
        }
        Files.createDirectories(directory);
        WireGuardKeys keys = generate();
        writePrivate(privateFile, keys.privateKey());
        NodeCredentials.writeAtomically(publicFile, keys.publicKey() + "\n");
        return keys;
    }

    static WireGuardKeys generate() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("X25519").generateKeyPair();
            byte[] scalar = ((XECPrivateKey) pair.getPrivate()).getScalar().orElseThrow();
            byte[] encoded = pair.getPublic().getEncoded();
            // X.509 SubjectPublicKeyInfo of X25519: a fixed 12-byte header, then the 32-byte u-coordinate
            byte[] publicKey = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
            Base64.Encoder base64 = Base64.getEncoder();
            return new WireGuardKeys(base64.encodeToString(scalar), base64.encodeToString(publicKey));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make X25519 keys: " + e.getMessage(), e);
        }
    }

    private static void writePrivate(Path file, String key) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        try {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(temporary);
        }
        Files.writeString(temporary, key + "\n", StandardCharsets.US_ASCII);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
