package org.conpaas.app.application;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.conpaas.kit.web.ApiException;

import java.text.Normalizer;
import java.util.Locale;

/**
 * An application's name, as people read it: NFC-normalised, 1 to 64 characters, no whitespace
 * at either end, and none of the invisible characters that make one name look like another or
 * reorder what is shown around it (control, bidirectional control and zero-width characters).
 * Unique per owner, compared without regard to case.
 */
public record ApplicationName(@JsonValue String value) {

    public static final int MAX_LENGTH = 64;

    public ApplicationName {
        if (value == null || value.isEmpty()) {
            throw ApiException.invalid("name is required: 1 to " + MAX_LENGTH + " characters");
        }
        if (value.codePoints().anyMatch(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE)) {
            throw ApiException.invalid("name must be valid Unicode text (it holds a lone surrogate)");
        }
        value = Normalizer.normalize(value, Normalizer.Form.NFC);
        if (value.codePoints().allMatch(ApplicationName::isBlank)) {
            throw ApiException.invalid("name is required: 1 to " + MAX_LENGTH + " characters, not only whitespace");
        }
        int length = value.codePointCount(0, value.length());
        if (length > MAX_LENGTH) {
            throw ApiException.invalid("name must be 1 to " + MAX_LENGTH + " characters, was " + length);
        }
        if (isBlank(value.codePointAt(0)) || isBlank(value.codePointBefore(value.length()))) {
            throw ApiException.invalid("name must not start or end with whitespace");
        }
        if (value.codePoints().anyMatch(c -> Character.getType(c) == Character.CONTROL)) {
            throw ApiException.invalid("name must not contain control characters (U+0000 to U+001F, U+007F to U+009F)");
        }
        if (value.codePoints().anyMatch(ApplicationName::isBidiControl)) {
            throw ApiException.invalid("name must not contain bidirectional control characters "
                    + "(U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069)");
        }
        if (value.codePoints().anyMatch(ApplicationName::isZeroWidth)) {
            throw ApiException.invalid("name must not contain zero-width characters (U+200B to U+200D, U+2060, U+FEFF)");
        }
    }

    @JsonCreator
    public static ApplicationName of(String value) {
        return new ApplicationName(value);
    }

    /** The form uniqueness is checked on. */
    public String key() {
        return keyOf(value);
    }

    /**
     * The uniqueness key of a name as stored, without checking it: names accepted before these
     * rules still replay and can be renamed.
     */
    public static String keyOf(String storedName) {
        return storedName.toLowerCase(Locale.ROOT);
    }

    private static boolean isBlank(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    private static boolean isBidiControl(int c) {
        return c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }

    private static boolean isZeroWidth(int c) {
        return (c >= 0x200B && c <= 0x200D) || c == 0x2060 || c == 0xFEFF;
    }

    @Override
    public String toString() {
        return value;
    }
}
