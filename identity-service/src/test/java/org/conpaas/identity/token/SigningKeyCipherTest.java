package org.conpaas.identity.token;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SigningKeyCipherTest {

    private static final byte[] KEY = "pkcs8 bytes of a private key".getBytes(StandardCharsets.UTF_8);

    private final SigningKeyCipher cipher = new SigningKeyCipher("a passphrase of the test");

    @Test
    void decryptsWhatItEncryptedAndNeverEncryptsAlike() {
        byte[] once = cipher.encrypt(KEY, "kid-1");
        assertThat(cipher.decrypt(once, "kid-1")).isEqualTo(KEY);
        assertThat(cipher.encrypt(KEY, "kid-1")).as("fresh salt and nonce").isNotEqualTo(once);
        assertThat(new String(once, StandardCharsets.ISO_8859_1)).doesNotContain("pkcs8 bytes");
    }

    @Test
    void refusesAnotherPassphraseAnotherRowAndAlteredBytes() {
        byte[] sealed = cipher.encrypt(KEY, "kid-1");
        assertThatThrownBy(() -> new SigningKeyCipher("another passphrase here").decrypt(sealed, "kid-1"))
                .hasMessageContaining("conpaas.identity.signing-key.passphrase is not the one it was encrypted with");
        assertThatThrownBy(() -> cipher.decrypt(sealed, "kid-2")).as("moved to another key's row")
                .isInstanceOf(IllegalStateException.class);
        sealed[sealed.length - 1] ^= 1;
        assertThatThrownBy(() -> cipher.decrypt(sealed, "kid-1")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> cipher.decrypt(KEY, "kid-1")).hasMessageContaining("not in the encrypted form");
    }

    @Test
    void thePassphraseIsRequiredLongAndNeverPrinted() {
        Validator validator = Validation.buildDefaultValidatorFactory().getValidator();
        assertThat(validator.validate(new SigningKeyProperties(null, Duration.ofSeconds(60))))
                .extracting(ConstraintViolation::getMessage).singleElement().asString()
                .contains("CONPAAS_IDENTITY_SIGNINGKEY_PASSPHRASE");
        assertThat(validator.validate(new SigningKeyProperties("short", Duration.ofSeconds(60))))
                .extracting(ConstraintViolation::getMessage).containsExactly("conpaas.identity.signing-key.passphrase must have at least 16 characters");
        assertThat(new SigningKeyProperties("a passphrase of the test", Duration.ofSeconds(60)).toString()).doesNotContain("passphrase of");
    }
}
