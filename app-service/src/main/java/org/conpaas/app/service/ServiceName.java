package org.conpaas.app.service;

import org.conpaas.kit.web.ApiException;

/** A service's name: 1 to 64 letters, digits, '-', '_' or '.', starting with a letter or digit. */
final class ServiceName {

    private static final java.util.regex.Pattern VALID = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private ServiceName() {
    }

    static String of(String raw) {
        String name = raw == null ? "" : raw.trim();
        if (!VALID.matcher(name).matches()) {
            throw ApiException.invalid("name must be 1 to 64 letters, digits, '-', '_' or '.', starting with a letter or digit"
                    + (name.isEmpty() ? "" : ", not '" + (name.length() > 40 ? name.substring(0, 40) + "…" : name) + "'"));
        }
        return name;
    }
}
