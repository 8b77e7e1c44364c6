package org.conpaas.app.service.api;

import org.conpaas.contracts.id.ServiceId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Shrinks a running service, newest agents first; the manager stays. */
public record RemoveNodesCommand(@TargetAggregateIdentifier ServiceId serviceId, int count) {
}
