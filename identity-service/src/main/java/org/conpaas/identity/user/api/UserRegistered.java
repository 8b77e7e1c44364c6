package org.conpaas.identity.user.api;

import org.conpaas.contracts.id.UserId;
import org.conpaas.identity.user.Role;

public record UserRegistered(UserId userId, String username, String email, String affiliation, String passwordHash,
                             Role role, long credit, long maxCredit, String externalId) {
}
