package org.conpaas.contracts.identity;

import org.conpaas.contracts.event.EventHeader;
import org.conpaas.contracts.event.EventType;
import org.conpaas.contracts.event.IntegrationEvent;
import org.conpaas.contracts.id.UserId;

/** A user's credit balance changed: by an administrator, or by billing while nodes run. */
@EventType(value = "user.credit-changed", version = 1)
public record UserCreditChanged(EventHeader header, UserId userId, long delta, long balance, String reason) implements IntegrationEvent {
}
