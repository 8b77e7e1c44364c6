package org.conpaas.app.service.api;

import org.conpaas.contracts.id.ServiceId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Starts a service with this many nodes (the first is its manager). */
public record StartServiceCommand(@TargetAggregateIdentifier ServiceId serviceId, int nodes) {
}
