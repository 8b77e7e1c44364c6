package org.conpaas.cert.certificate;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.conpaas.kit.web.ApiException;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Objects;

/**
 * A certificate's serial number: 128 random bits, written as upper-case hex in whole bytes
 * (as {@code openssl x509 -serial} and {@code openssl crl -text} print it). Identifies the
 * {@link Certificate} aggregate.
 */
public record SerialNumber(@JsonValue String value) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public SerialNumber {
        Objects.requireNonNull(value, "serial");
    }

    public static SerialNumber random() {
        BigInteger serial;
        do {
            byte[] bytes = new byte[16];
            RANDOM.nextBytes(bytes);
            serial = new BigInteger(1, bytes);
        } while (serial.signum() == 0);
        return of(serial);
    }

    public static SerialNumber of(BigInteger serial) {
        String hex = serial.toString(16).toUpperCase(Locale.ROOT);
        return new SerialNumber(hex.length() % 2 == 0 ? hex : "0" + hex);
    }

    /** A serial as a caller writes it: hex, any case, optionally with colons (as browsers show it). */
    @JsonCreator
    public static SerialNumber parse(String text) {
        String hex = text == null ? "" : text.replace(":", "").strip();
        if (hex.isEmpty() || hex.length() > 40 || !hex.matches("[0-9A-Fa-f]+")) {
            throw ApiException.notFound("no certificate with serial " + abbreviate(text) + " (a serial is hexadecimal)");
        }
        return of(new BigInteger(hex, 16));
    }

    public BigInteger toBigInteger() {
        return new BigInteger(value, 16);
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    @Override
    public String toString() {
        return value;
    }
}
