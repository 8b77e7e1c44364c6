package org.conpaas.contracts.api.identity;

/** Body of POST /api/users (administrators): a new local account. */
public record AddUserRequest(String username, String email, String affiliation, String password, String role, Long credit) {
}
