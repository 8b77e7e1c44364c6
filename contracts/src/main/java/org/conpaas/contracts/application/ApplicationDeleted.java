package org.conpaas.contracts.application;

import org.conpaas.contracts.event.EventHeader;
import org.conpaas.contracts.event.EventType;
import org.conpaas.contracts.event.IntegrationEvent;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.UserId;

/** An application is gone: its services stop and its network is released. */
@EventType(value = "app.deleted", version = 1)
public record ApplicationDeleted(EventHeader header, ApplicationId applicationId, UserId ownerId) implements IntegrationEvent {
}
