package org.conpaas.contracts.identity;

import org.conpaas.contracts.event.EventHeader;
import org.conpaas.contracts.event.EventType;
import org.conpaas.contracts.event.IntegrationEvent;
import org.conpaas.contracts.id.UserId;

/** A user may no longer log in; their running services are to be stopped. */
@EventType(value = "user.disabled", version = 1)
public record UserDisabled(EventHeader header, UserId userId, String reason) implements IntegrationEvent {
}
