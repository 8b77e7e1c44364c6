package org.conpaas.app.application.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.conpaas.contracts.id.ApplicationId;

/** Marks an application that still has services as being deleted: its services are removed first. */
public record StartApplicationDeletionCommand(@TargetAggregateIdentifier ApplicationId applicationId, String reason) {
}
