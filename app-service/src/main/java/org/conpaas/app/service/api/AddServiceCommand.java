package org.conpaas.app.service.api;

import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.ServiceId;
import org.conpaas.contracts.id.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Adds a service of a catalogue type to an application. */
public record AddServiceCommand(@TargetAggregateIdentifier ServiceId serviceId, ApplicationId applicationId, UserId ownerId, String type, String name, String cloud) {
}
