package org.conpaas.app.service.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.conpaas.contracts.id.ServiceId;

/** The path a web hosting service's backends are checked on before they take requests, as a new release. */
public record SetHealthPathCommand(@TargetAggregateIdentifier ServiceId serviceId, String path) {
}
