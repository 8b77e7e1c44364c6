package org.conpaas.app.service.api;

import org.conpaas.contracts.id.ServiceId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Removes a service that runs no node. */
public record RemoveServiceCommand(@TargetAggregateIdentifier ServiceId serviceId) {
}
