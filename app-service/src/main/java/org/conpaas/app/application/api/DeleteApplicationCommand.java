package org.conpaas.app.application.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.conpaas.contracts.id.ApplicationId;

public record DeleteApplicationCommand(@TargetAggregateIdentifier ApplicationId applicationId) {
}
