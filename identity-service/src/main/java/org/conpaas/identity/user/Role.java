package org.conpaas.identity.user;

import org.conpaas.kit.web.ApiException;

import java.util.Locale;

/** What a user may do: manage their own things, or (admin) everyone's and the platform. */
public enum Role {
    USER, ADMIN;

    public static Role parse(String value) {
        if (value == null || value.isBlank()) {
            return USER;
        }
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("role must be 'user' or 'admin', was '" + value + "'");
        }
    }

    /** The name in tokens and the API. */
    public String claim() {
        return name().toLowerCase(Locale.ROOT);
    }
}
