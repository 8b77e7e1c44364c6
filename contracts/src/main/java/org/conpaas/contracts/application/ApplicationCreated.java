package org.conpaas.contracts.application;

import org.conpaas.contracts.event.EventHeader;
import org.conpaas.contracts.event.EventType;
import org.conpaas.contracts.event.IntegrationEvent;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.UserId;

/** A user created an application: its network and services hang off it. */
@EventType(value = "app.created", version = 1)
public record ApplicationCreated(EventHeader header, ApplicationId applicationId, UserId ownerId, String name) implements IntegrationEvent {
}
