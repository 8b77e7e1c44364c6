package org.conpaas.identity.user.api;

import org.conpaas.contracts.id.UserId;
import org.conpaas.identity.user.Role;

/** A user was registered; the password's hash is not here but in the credential store (PasswordStore). */
public record UserRegistered(UserId userId, String username, String email, String affiliation, Role role, long credit, long maxCredit, String externalId) {
}
