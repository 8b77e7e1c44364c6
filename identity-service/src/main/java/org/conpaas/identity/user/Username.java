package org.conpaas.identity.user;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.conpaas.kit.web.ApiException;

import java.util.regex.Pattern;

/** A login name: 3 to 32 of a-z, 0-9, '.', '_' and '-', starting with a letter or digit; stored lower-case. */
public record Username(@JsonValue String value) {

    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9._-]{2,31}");

    public Username {
        String v = value == null ? "" : value.strip().toLowerCase(java.util.Locale.ROOT);
        if (!VALID.matcher(v).matches()) {
            throw ApiException.invalid("username must be 3 to 32 characters of a-z, 0-9, '.', '_' or '-', "
                    + "starting with a letter or digit");
        }
        value = v;
    }

    @JsonCreator
    public static Username of(String value) {
        return new Username(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
