package org.conpaas.cert.certificate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A PKCS#12 password must be encodable text: an unpaired surrogate is refused before a certificate is issued. */
class PasswordTextTest {

    @Test
    void pairedSurrogatesAreTextLoneOnesAreNot() {
        assertThat(UserCertificateController.wellFormed("correct horse 🐴 battery")).isTrue();
        assertThat(UserCertificateController.wellFormed("ꖓﳨ嵤츙")).isTrue();
        assertThat(UserCertificateController.wellFormed("ab\ud826cd")).isFalse();
        assertThat(UserCertificateController.wellFormed("ab\udc00")).isFalse();
        assertThat(UserCertificateController.wellFormed("\ud83d")).isFalse();
    }
}
