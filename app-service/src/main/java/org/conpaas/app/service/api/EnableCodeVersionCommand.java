package org.conpaas.app.service.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.conpaas.contracts.id.ServiceId;

/** Makes a kept code version the one the nodes run (an older one: a rollback), as a new release. */
public record EnableCodeVersionCommand(@TargetAggregateIdentifier ServiceId serviceId, int version, String by) {
}
