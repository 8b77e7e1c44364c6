package org.conpaas.cert.certificate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A PKCS#12 password must be printable ASCII (the JDK's PKCS#12 encryption refuses the rest): checked before a certificate is issued. */
class PasswordTextTest {

    @Test
    void pairedSurrogatesAreTextLoneOnesAreNot() {
        assertThat(UserCertificateController.wellFormed("correct horse battery staple: 1-2-3!")).isTrue();
        assertThat(UserCertificateController.wellFormed("correct horse 🐴 battery")).isFalse();
        assertThat(UserCertificateController.wellFormed("麑❄Ⅹ剂嗖ⓔ")).isFalse();
        assertThat(UserCertificateController.wellFormed("tab\there")).isFalse();
        assertThat(UserCertificateController.wellFormed("ab\ud826cd")).isFalse();
        assertThat(UserCertificateController.wellFormed("ab\udc00")).isFalse();
        assertThat(UserCertificateController.wellFormed("\ud83d")).isFalse();
    }
}
