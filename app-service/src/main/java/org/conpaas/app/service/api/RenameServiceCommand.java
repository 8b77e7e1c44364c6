package org.conpaas.app.service.api;

import org.conpaas.contracts.id.ServiceId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Gives a service another name. */
public record RenameServiceCommand(@TargetAggregateIdentifier ServiceId serviceId, String name) {
}
