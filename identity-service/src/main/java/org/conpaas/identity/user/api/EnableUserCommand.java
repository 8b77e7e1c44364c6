package org.conpaas.identity.user.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.conpaas.contracts.id.UserId;

public record EnableUserCommand(@TargetAggregateIdentifier UserId userId) {
}
