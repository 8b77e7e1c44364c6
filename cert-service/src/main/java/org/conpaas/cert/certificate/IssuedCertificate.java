package org.conpaas.cert.certificate;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * A freshly issued certificate as the caller receives it. {@code privateKeyPem} (unencrypted
 * PKCS#8) is there only when the service generated the key, {@code pkcs12Base64} only when a
 * password for it was given; the service keeps neither.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IssuedCertificate(String serial, String subject, String role, Instant notBefore, Instant notAfter,
                                String certificatePem, String privateKeyPem, String caChainPem, String pkcs12Base64) {

    IssuedCertificate withKey(String keyPem, String pkcs12) {
        return new IssuedCertificate(serial, subject, role, notBefore, notAfter, certificatePem, keyPem, caChainPem, pkcs12);
    }
}
