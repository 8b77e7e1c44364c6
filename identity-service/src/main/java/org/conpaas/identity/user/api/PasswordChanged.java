package org.conpaas.identity.user.api;

import org.conpaas.contracts.id.UserId;

/** The user's password was changed; the new hash is in the credential store only (PasswordStore). */
public record PasswordChanged(UserId userId) {
}
