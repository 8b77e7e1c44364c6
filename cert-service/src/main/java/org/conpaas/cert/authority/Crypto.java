package org.conpaas.cert.authority;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

import java.security.Provider;

/**
 * The Bouncy Castle provider, passed explicitly where the JDK's providers lack an algorithm
 * (PKCS#8 PBES2 with AES, verifying any CSR key), without installing it JVM-wide.
 */
public final class Crypto {

    public static final Provider BC = new BouncyCastleProvider();

    private Crypto() {
    }
}
