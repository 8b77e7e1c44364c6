package org.conpaas.contracts.api.identity;

import java.time.Instant;

/** A user as the API shows it; never a password or its hash. */
public record UserView(String id, String username, String email, String affiliation, String role, long credit, boolean enabled, Instant createdAt, String externalId) {
}
