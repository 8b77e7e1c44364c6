package org.conpaas.provisioning.database;

/** What an admin password must be: 8 to 128 printable characters (spaces inside allowed), no control character. */
final class AdminPasswords {

    private AdminPasswords() {
    }

    /** Why {@code password} cannot be used, null when it can. */
    static String problem(String password) {
        if (password == null || password.isEmpty()) {
            return "password is required: the new password of the service's admin account";
        }
        if (password.length() < 8 || password.length() > 128) {
            return "password must be 8 to 128 characters long";
        }
        for (int i = 0; i < password.length(); i++) {
            char c = password.charAt(i);
            if (Character.isISOControl(c) || Character.isSurrogate(c) && !validPair(password, i)) {
                return "password must not hold control characters or broken characters";
            }
            if (Character.isHighSurrogate(c)) {
                i++;
            }
        }
        if (!password.equals(password.strip())) {
            return "password must not start or end with a space";
        }
        return null;
    }

    private static boolean validPair(String s, int i) {
        return Character.isHighSurrogate(s.charAt(i)) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
}
