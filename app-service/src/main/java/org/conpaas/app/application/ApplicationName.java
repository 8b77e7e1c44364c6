package org.conpaas.app.application;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.conpaas.kit.web.ApiException;

/**
 * An application's name: 1 to 64 characters once surrounding blanks are trimmed, no control
 * characters. Unique per owner, compared without regard to case.
 */
public record ApplicationName(@JsonValue String value) {

    public static final int MAX_LENGTH = 64;

    public ApplicationName {
        if (value == null || value.isBlank()) {
            throw ApiException.invalid("name is required: 1 to " + MAX_LENGTH + " characters");
        }
        value = value.strip();
        int length = value.codePointCount(0, value.length());
        if (length > MAX_LENGTH) {
            throw ApiException.invalid("name must be 1 to " + MAX_LENGTH + " characters, was " + length);
        }
        if (value.codePoints().anyMatch(Character::isISOControl)) {
            throw ApiException.invalid("name must not contain control characters");
        }
    }

    @JsonCreator
    public static ApplicationName of(String value) {
        return new ApplicationName(value);
    }

    /** The form uniqueness is checked on. */
    public String key() {
        return value.toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String toString() {
        return value;
    }
}
