package org.conpaas.app.service;

import org.conpaas.kit.web.ApiException;

/**
 * The {@code cascade} query parameter of a removal: true (the default) stops what still runs and
 * removes it when stopped; false refuses with 409 while anything runs.
 */
public final class RemovalCascade {

    private RemovalCascade() {
    }

    public static boolean of(String value) {
        if (value == null || value.isBlank() || "true".equalsIgnoreCase(value.trim())) {
            return true;
        }
        if ("false".equalsIgnoreCase(value.trim())) {
            return false;
        }
        String shown = value.length() > 20 ? value.substring(0, 20) + "…" : value;
        throw ApiException.invalid("cascade must be true or false, not '" + shown + "'");
    }
}
