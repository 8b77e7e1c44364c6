package org.conpaas.app.service.api;

import org.conpaas.contracts.id.ServiceId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Stops a service: every node is released. */
public record StopServiceCommand(@TargetAggregateIdentifier ServiceId serviceId, String reason) {
}
