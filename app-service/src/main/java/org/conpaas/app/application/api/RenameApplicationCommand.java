package org.conpaas.app.application.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.conpaas.app.application.ApplicationName;
import org.conpaas.contracts.id.ApplicationId;

public record RenameApplicationCommand(@TargetAggregateIdentifier ApplicationId applicationId, ApplicationName name) {
}
