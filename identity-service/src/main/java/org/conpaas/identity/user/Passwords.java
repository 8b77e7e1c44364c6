package org.conpaas.identity.user;

import org.conpaas.kit.web.ApiException;

import java.nio.charset.StandardCharsets;

/**
 * What a password must be: bcrypt uses at most 72 bytes of it (UTF-8), so a longer one is
 * refused rather than silently cut (or, in Spring Security, failing with an error): 72 "é" are
 * 144 bytes.
 */
public final class Passwords {

    public static final int MIN_CHARACTERS = 8;
    public static final int MAX_BYTES = 72;

    private Passwords() {
    }

    public static boolean fitsBcrypt(String password) {
        return password.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
    }

    /** Refuses, with a 400 a person understands, a password too short or too long for bcrypt. */
    public static void check(String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_CHARACTERS) {
            throw ApiException.invalid("password must have at least " + MIN_CHARACTERS + " characters (and at most " + MAX_BYTES + " bytes in UTF-8)");
        }
        if (!fitsBcrypt(password)) {
            throw ApiException.invalid("password must be at most " + MAX_BYTES + " bytes in UTF-8 (72 plain ASCII characters; "
                    + "accented letters take 2 bytes, most other scripts 3, emoji 4); this one has "
                    + password.getBytes(StandardCharsets.UTF_8).length);
        }
    }
}
