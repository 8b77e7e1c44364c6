package org.conpaas.app.application.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.conpaas.contracts.id.ApplicationId;

/** Deletes an application that has no service left (the caller has made sure of that). */
public record DeleteApplicationCommand(@TargetAggregateIdentifier ApplicationId applicationId) {
}
