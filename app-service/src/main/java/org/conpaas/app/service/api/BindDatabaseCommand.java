package org.conpaas.app.service.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.conpaas.contracts.id.ServiceId;
import org.conpaas.contracts.service.ServiceBinding;

/** Binds the service to a mysql service of its application (or changes the binding's database), as one new release. */
public record BindDatabaseCommand(@TargetAggregateIdentifier ServiceId serviceId, ServiceBinding binding) {
}
