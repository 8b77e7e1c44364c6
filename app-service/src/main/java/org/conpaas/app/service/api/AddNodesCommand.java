package org.conpaas.app.service.api;

import org.conpaas.contracts.id.ServiceId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Grows a running service. */
public record AddNodesCommand(@TargetAggregateIdentifier ServiceId serviceId, int count) {
}
