package org.conpaas.identity.user.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.conpaas.contracts.id.UserId;
import org.conpaas.identity.user.ExternalIdentity;

public record LinkExternalIdentityCommand(@TargetAggregateIdentifier UserId userId, ExternalIdentity identity, String linkedBy) {
}
