package org.conpaas.app.service.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.conpaas.contracts.id.ServiceId;

/** Ends the service's binding to mysql service {@code database}, as one new release (the binding's account is dropped). */
public record UnbindDatabaseCommand(@TargetAggregateIdentifier ServiceId serviceId, ServiceId database) {
}
