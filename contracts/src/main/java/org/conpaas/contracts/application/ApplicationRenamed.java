package org.conpaas.contracts.application;

import org.conpaas.contracts.event.EventHeader;
import org.conpaas.contracts.event.EventType;
import org.conpaas.contracts.event.IntegrationEvent;
import org.conpaas.contracts.id.ApplicationId;
import org.conpaas.contracts.id.UserId;

/** An application got a new name. */
@EventType(value = "app.renamed", version = 1)
public record ApplicationRenamed(EventHeader header, ApplicationId applicationId, UserId ownerId, String name) implements IntegrationEvent {
}
