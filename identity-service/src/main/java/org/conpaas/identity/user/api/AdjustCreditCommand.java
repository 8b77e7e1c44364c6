package org.conpaas.identity.user.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.conpaas.contracts.id.UserId;

public record AdjustCreditCommand(@TargetAggregateIdentifier UserId userId, long delta, String reason) {
}
