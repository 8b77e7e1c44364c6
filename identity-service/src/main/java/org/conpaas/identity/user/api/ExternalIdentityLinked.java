package org.conpaas.identity.user.api;

import org.conpaas.contracts.id.UserId;

/** The user signs in, from now on, also as {@code subject} at the external identity provider {@code issuer}. */
public record ExternalIdentityLinked(UserId userId, String issuer, String subject, String linkedBy) {
}
