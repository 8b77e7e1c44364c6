package org.conpaas.identity.user.api;

import org.conpaas.contracts.id.UserId;

public record UserEnabled(UserId userId) {
}
