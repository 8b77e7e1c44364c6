package org.conpaas.contracts.service;

import org.conpaas.contracts.event.EventHeader;
import org.conpaas.contracts.event.EventType;
import org.conpaas.contracts.event.IntegrationEvent;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.ServiceId;

/** A stopped service was removed from its application: its subnet may go to another service. */
@EventType(value = "service.removed", version = 1)
public record ServiceRemoved(EventHeader header, ApplicationId applicationId, ServiceId serviceId) implements IntegrationEvent {
}
