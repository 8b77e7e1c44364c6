package org.conpaas.vpn.network;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.XECPrivateKey;
import java.security.interfaces.XECPublicKey;
import java.util.Base64;

/** Makes WireGuard key pairs the way a node does (X25519, raw 32 bytes, base64), with the JDK. */
final class WireGuardKeysForTests {

    record Pair(String privateKey, String publicKey) {
    }

    private WireGuardKeysForTests() {
    }

    static Pair generate() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("X25519").generateKeyPair();
        byte[] scalar = ((XECPrivateKey) pair.getPrivate()).getScalar().orElseThrow();
        BigInteger u = ((XECPublicKey) pair.getPublic()).getU();
        byte[] big = u.toByteArray();
        byte[] little = new byte[32];
        for (int i = 0; i < Math.min(32, big.length); i++) {
            little[i] = big[big.length - 1 - i];
        }
        return new Pair(Base64.getEncoder().encodeToString(scalar), Base64.getEncoder().encodeToString(little));
    }
}
