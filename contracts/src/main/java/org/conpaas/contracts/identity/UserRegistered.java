package org.conpaas.contracts.identity;

import org.conpaas.contracts.event.EventHeader;
import org.conpaas.contracts.event.EventType;
import org.conpaas.contracts.event.IntegrationEvent;
import org.conpaas.contracts.id.UserId;

/** A user account exists: added by an administrator, or created on first single sign-on. */
@EventType(value = "user.registered", version = 1)
public record UserRegistered(EventHeader header, UserId userId, String username, String email, String role, long credit) implements IntegrationEvent {
}
