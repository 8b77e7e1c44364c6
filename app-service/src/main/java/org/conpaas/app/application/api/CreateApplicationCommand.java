package org.conpaas.app.application.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.conpaas.app.application.ApplicationName;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.UserId;

public record CreateApplicationCommand(@TargetAggregateIdentifier ApplicationId applicationId, UserId ownerId,
                                       ApplicationName name) {
}
