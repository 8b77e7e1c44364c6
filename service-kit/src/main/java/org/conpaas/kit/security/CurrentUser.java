package org.conpaas.kit.security;

import org.conpaas.contracts.id.UserId;

/** The caller of a request, from a verified ConPaaS token. Controllers take it as a parameter. */
public record CurrentUser(UserId id, String username, String role) {

    public static final String ADMIN = "admin";
    public static final String USER = "user";

    public boolean isAdmin() {
        return ADMIN.equals(role);
    }

    /** Whether the caller may see and change what {@code owner} owns. */
    public boolean mayActFor(UserId owner) {
        return isAdmin() || id.equals(owner);
    }
}
