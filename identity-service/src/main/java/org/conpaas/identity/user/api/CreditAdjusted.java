package org.conpaas.identity.user.api;

import org.conpaas.contracts.id.UserId;

public record CreditAdjusted(UserId userId, long delta, long balance, String reason) {
}
