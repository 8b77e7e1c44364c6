package org.conpaas.cert.certificate;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;

/** A PKCS#12 bundle (key, certificate, CA chain) for browsers and keychains, encrypted with the caller's password. */
final class Pkcs12 {

    private Pkcs12() {
    }

    /** {@code chain}: the CA certificates above the issued one, nearest first ([intermediate,] root). */
    static String of(String alias, PrivateKey key, String certificatePem, java.util.List<X509Certificate> chain, String password) {
        try {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(certificatePem.getBytes(StandardCharsets.US_ASCII)));
            // the JDK's PKCS12 store encrypts with PBES2 (AES-256, PBKDF2-HMAC-SHA256), which OpenSSL 3 and browsers read
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            java.util.List<Certificate> entry = new java.util.ArrayList<>();
            entry.add(certificate);
            entry.addAll(chain);
            store.setKeyEntry(alias, key, password.toCharArray(), entry.toArray(new Certificate[0]));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.store(out, password.toCharArray());
            return Base64.getEncoder().encodeToString(out.toByteArray());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the PKCS#12 bundle", e);
        }
    }
}
